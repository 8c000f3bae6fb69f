/** A path the client does not know. */
import { linkProps } from '../router';

/** The page for an unknown address. */
export function NotFoundPage() {
  return (
    <main className="centered-message">
      <h1>There is nothing at this address</h1>
      <p>The link may be mistyped, or the page may have moved.</p>
      <a className="button button--primary" {...linkProps('/')}>
        Go to the stories
      </a>
    </main>
  );
}
