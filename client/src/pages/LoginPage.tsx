/** Sign in with email and password. */
import { useEffect, useState, type FormEvent } from 'react';
import type { Me } from '../../../shared/api';
import { signIn } from '../api/session';
import { ApiRequestError } from '../api/http';
import { Wordmark } from '../ui/Wordmark';

function messageFor(error: unknown): string {
  if (error instanceof ApiRequestError) {
    if (error.status === 401) return 'That email and password do not match an account. Check them and try again.';
    if (error.status === 400) return 'Enter your email address and your password.';
    return error.message;
  }
  return 'Something went wrong while signing in. Try again.';
}

/** The login page. */
export function LoginPage({ onSignedIn }: { onSignedIn: (me: Me) => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    document.title = 'Sign in — Galley';
  }, []);

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (busy) return;
    if (!email.trim() || !password) {
      setError('Enter your email address and your password.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const me = await signIn(email.trim(), password);
      onSignedIn(me);
    } catch (caught) {
      setError(messageFor(caught));
      setBusy(false);
    }
  }

  return (
    <main className="login">
      <div className="login__panel">
        <div className="login__brand">
          <Wordmark />
          <p className="login__tagline">The newsroom, writing together.</p>
        </div>
        <form className="login__form" onSubmit={(event) => void submit(event)} noValidate>
          <h1 className="login__title">Sign in</h1>
          <label className="field">
            <span className="field__label">Email</span>
            <input
              className="field__input"
              name="email"
              type="email"
              autoComplete="username"
              inputMode="email"
              autoFocus
              value={email}
              onChange={(event) => setEmail(event.target.value)}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? 'login-error' : undefined}
            />
          </label>
          <label className="field">
            <span className="field__label">Password</span>
            <input
              className="field__input"
              name="password"
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(event) => setPassword(event.target.value)}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? 'login-error' : undefined}
            />
          </label>
          <div className="login__error" id="login-error" role="alert" data-testid="login-error">
            {error}
          </div>
          <button type="submit" className="button button--primary button--wide" disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
      </div>
    </main>
  );
}
