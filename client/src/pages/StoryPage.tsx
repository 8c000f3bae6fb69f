/** A story open for writing: headline, standfirst and body, co-edited live. */
import { useEffect, useMemo, useState } from 'react';
import type { Editor } from '@tiptap/react';
import type { ArticleDetail, Me } from '../../../shared/api';
import { StateLabels } from '../../../shared/article';
import { getArticle } from '../api/articles';
import { ApiRequestError } from '../api/http';
import { sessionExpired } from '../auth';
import { BodyEditor } from '../editor/BodyEditor';
import { focusField } from '../editor/focusField';
import { LineEditor, type LineNavigation } from '../editor/LineEditor';
import { SaveStatusLine } from '../editor/SaveStatusLine';
import { usePresence } from '../editor/usePresence';
import { useCollabSession } from '../editor/useSession';
import { useWordCount } from '../editor/useWordCount';
import type { SessionProblem } from '../editor/collabSession';
import { linkProps } from '../router';
import { AvatarStack } from '../ui/Avatars';
import { LogoutButton } from '../ui/LogoutButton';

const problemCopy: Record<Exclude<SessionProblem, 'unauthenticated'>, { title: string; text: string }> = {
  'not-found': { title: 'This story does not exist', text: 'It may have been deleted, or the link may be wrong.' },
  forbidden: { title: 'You do not have access', text: 'This story is not open to you. Ask the desk if you think it should be.' },
};

function useDocumentTitle(headline: Editor | null): void {
  useEffect(() => {
    const update = (): void => {
      const text = headline?.getText().trim();
      document.title = `${text || 'Untitled story'} — Galley`;
    };
    update();
    headline?.on('update', update);
    return () => {
      headline?.off('update', update);
    };
  }, [headline]);
}

/** The story page. */
export function StoryPage({ articleId, me }: { articleId: string; me: Me }) {
  const { session, snapshot } = useCollabSession(articleId, me);
  const [detail, setDetail] = useState<ArticleDetail | null>(null);
  const [restProblem, setRestProblem] = useState<SessionProblem | null>(null);
  const [headline, setHeadline] = useState<Editor | null>(null);
  const [standfirst, setStandfirst] = useState<Editor | null>(null);
  const [body, setBody] = useState<Editor | null>(null);
  const people = usePresence(session);
  const words = useWordCount(body);
  useDocumentTitle(headline);

  useEffect(() => {
    const controller = new AbortController();
    getArticle(articleId, controller.signal).then(setDetail, (error: unknown) => {
      if (!(error instanceof ApiRequestError)) return;
      if (error.status === 404) setRestProblem('not-found');
      else if (error.status === 403) setRestProblem('forbidden');
      // Anything else (offline, a server hiccup): the editors still work from the collab connection.
    });
    return () => controller.abort();
  }, [articleId]);

  const problem = snapshot.problem ?? restProblem;
  useEffect(() => {
    if (problem === 'unauthenticated') sessionExpired();
  }, [problem]);

  const headlineNav = useMemo<LineNavigation>(() => ({ next: () => focusField(standfirst, 'start') }), [standfirst]);
  const standfirstNav = useMemo<LineNavigation>(
    () => ({ next: () => focusField(body, 'start'), previous: () => focusField(headline, 'end') }),
    [body, headline],
  );

  if (problem === 'not-found' || problem === 'forbidden') {
    const copy = problemCopy[problem];
    return (
      <main className="centered-message" data-testid="story-problem" data-problem={problem}>
        <h1>{copy.title}</h1>
        <p>{copy.text}</p>
        <a className="button button--primary" {...linkProps('/')}>
          Back to stories
        </a>
      </main>
    );
  }

  const editable = snapshot.ready && !problem;
  return (
    <div className="story-page">
      <header className="story-bar">
        <div className="story-bar__left">
          <a className="story-bar__back" {...linkProps('/')}>
            <svg width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
              <path d="M15 18l-6-6 6-6" />
            </svg>
            Stories
          </a>
          <span className={`state-label state-label--${detail?.state ?? 'none'}`} aria-hidden={!detail}>
            {detail ? StateLabels[detail.state] : ''}
          </span>
        </div>
        <div className="story-bar__status">
          <SaveStatusLine status={snapshot.status} />
        </div>
        <div className="story-bar__right">
          <AvatarStack people={people} testId="avatars" max={6} />
          <span className="word-count" data-testid="word-count" data-count={words} aria-live="off">
            {words.toLocaleString('en-US')} {words === 1 ? 'word' : 'words'}
          </span>
          <span className="story-bar__divider" aria-hidden="true" />
          <LogoutButton />
        </div>
      </header>

      <main className="manuscript">
        <article className={`manuscript__column${snapshot.ready ? '' : ' is-loading'}`} aria-busy={!snapshot.ready}>
          {session && (
            <>
              <LineEditor
                session={session}
                field="headline"
                label="Headline"
                placeholder="Headline"
                editable={editable}
                navigation={headlineNav}
                onEditor={setHeadline}
              />
              <LineEditor
                session={session}
                field="standfirst"
                label="Standfirst"
                placeholder="Standfirst: the story in one or two sentences"
                editable={editable}
                navigation={standfirstNav}
                onEditor={setStandfirst}
              />
              <BodyEditor session={session} editable={editable} onEditor={setBody} />
            </>
          )}
        </article>
      </main>
    </div>
  );
}
