/**
 * A story's address. The story's collab session and its server-side facts (state and access, which
 * the editors wait on) are opened at once, from code the app already has, so the doc syncs and the
 * details load while the editors' chunk is still arriving and compiling; StoryPage takes them over when
 * the chunk is in.
 */
import type { Me } from '../../../shared/api';
import { useCollabSession } from '../editor/useSession';
import { useStory } from '../story/useStory';
import { useStoryPageChunk } from './storyPageChunk';

/** The story page for `articleId`, once the editors' code is in. */
export function StoryRoute({ articleId, me }: { articleId: string; me: Me }) {
  const collab = useCollabSession(articleId, me);
  const story = useStory(articleId, me);
  const chunk = useStoryPageChunk();
  if (chunk.status === 'failed') {
    return (
      <main className="centered-message">
        <h1>The editor could not be loaded</h1>
        <p>Check the connection, then reload the page.</p>
        <button type="button" className="button button--primary" onClick={() => location.reload()}>
          Reload
        </button>
      </main>
    );
  }
  if (chunk.status === 'loading') return <div className="story-page" aria-busy="true" />;
  return <chunk.StoryPage articleId={articleId} me={me} collab={collab} story={story} />;
}
