/** The story list: every story, its state, who is in it now, its length and its last change. */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ArticleSummary, Me } from '../../../shared/api';
import { StateLabels } from '../../../shared/article';
import { createArticle, listArticles } from '../api/articles';
import { ApiRequestError } from '../api/http';
import { linkProps, navigate } from '../router';
import { AppHeader } from '../ui/AppHeader';
import { AvatarStack } from '../ui/Avatars';
import { fullTime, relativeTime } from '../ui/relativeTime';

/** How often the list is refreshed, until live newsroom events arrive over socket.io. */
const pollMs = 5_000;

type ListState = { kind: 'loading' } | { kind: 'ready'; articles: ArticleSummary[]; stale: boolean } | { kind: 'failed'; message: string };

/** Keeps the list fresh: polls while the page is visible, refetches when it comes back. */
function useArticles(): { state: ListState; reload: () => void } {
  const [state, setState] = useState<ListState>({ kind: 'loading' });
  const inFlight = useRef<AbortController | null>(null);

  const reload = useCallback(() => {
    inFlight.current?.abort();
    const controller = new AbortController();
    inFlight.current = controller;
    listArticles(controller.signal).then(
      (articles) => {
        if (!controller.signal.aborted) setState({ kind: 'ready', articles, stale: false });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const message = error instanceof ApiRequestError ? error.message : 'The stories could not be loaded.';
        // Keep showing what we had; a failed poll should not blank the desk.
        setState((previous) => (previous.kind === 'ready' ? { ...previous, stale: true } : { kind: 'failed', message }));
      },
    );
  }, []);

  useEffect(() => {
    reload();
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') reload();
    }, pollMs);
    const onVisible = (): void => {
      if (document.visibilityState === 'visible') reload();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
      inFlight.current?.abort();
    };
  }, [reload]);

  return { state, reload };
}

/** Re-renders every so often so that "3 min ago" stays true between polls. */
function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

function wordsLabel(count: number): string {
  return count.toLocaleString();
}

function StoryRow({ article, me, now }: { article: ArticleSummary; me: Me; now: number }) {
  const path = `/stories/${encodeURIComponent(article.id)}`;
  const link = linkProps(path);
  const headline = article.headline.trim();
  const present = article.present.map((person) => ({ ...person, isYou: person.id === me.id }));
  return (
    <tr className="story-row" data-testid="story-row" data-id={article.id} onClick={() => navigate(path)}>
      <td className="story-row__headline">
        <a
          href={link.href}
          onClick={(event) => {
            // The link handles its own clicks (a modifier click opens a tab); the row handles the rest.
            event.stopPropagation();
            link.onClick(event);
          }}
          className={headline ? undefined : 'is-untitled'}
        >
          {headline || 'Untitled story'}
        </a>
        <span className="story-row__byline">by {article.createdBy.name}</span>
      </td>
      <td>
        <span className={`state-label state-label--${article.state}`}>{StateLabels[article.state] ?? article.state}</span>
      </td>
      <td className="story-row__present">
        <AvatarStack people={present} size="sm" max={4} />
      </td>
      <td className="numeric">{wordsLabel(article.wordCount)}</td>
      <td className="story-row__time">
        <time dateTime={article.updatedAt} title={fullTime(article.updatedAt)}>
          {relativeTime(article.updatedAt, now)}
        </time>
      </td>
    </tr>
  );
}

/** The story list page. */
export function StoryListPage({ me }: { me: Me }) {
  const { state, reload } = useArticles();
  const now = useNow(30_000);
  const [creating, setCreating] = useState(false);
  const [createError, setCreateError] = useState<string | null>(null);

  useEffect(() => {
    document.title = 'Stories — Galley';
  }, []);

  async function newStory(): Promise<void> {
    setCreating(true);
    setCreateError(null);
    try {
      const article = await createArticle();
      navigate(`/stories/${encodeURIComponent(article.id)}`);
    } catch (error) {
      setCreateError(error instanceof ApiRequestError ? error.message : 'The story could not be created.');
      setCreating(false);
    }
  }

  return (
    <div className="page">
      <AppHeader me={me} />
      <main className="desk">
        <div className="desk__heading">
          <div>
            <h1 className="desk__title">Stories</h1>
            <p className="desk__subtitle" aria-live="polite">
              {state.kind === 'ready' && (state.stale ? 'Could not refresh — showing the last list we had.' : `${state.articles.length} ${state.articles.length === 1 ? 'story' : 'stories'}`)}
            </p>
          </div>
          <div className="desk__actions">
            {createError && (
              <span className="desk__error" role="alert">
                {createError}
              </span>
            )}
            <button type="button" className="button button--primary" data-testid="new-story" disabled={creating} onClick={() => void newStory()}>
              <span aria-hidden="true" className="button__plus">
                +
              </span>
              {creating ? 'Creating…' : 'New story'}
            </button>
          </div>
        </div>

        {state.kind === 'failed' ? (
          <div className="desk__empty" role="alert">
            <p>{state.message}</p>
            <button type="button" className="button" onClick={reload}>
              Try again
            </button>
          </div>
        ) : (
          <table className="stories" aria-busy={state.kind === 'loading'}>
            <colgroup>
              <col className="stories__col-headline" />
              <col className="stories__col-state" />
              <col className="stories__col-present" />
              <col className="stories__col-words" />
              <col className="stories__col-time" />
            </colgroup>
            <thead>
              <tr>
                <th scope="col">Headline</th>
                <th scope="col">State</th>
                <th scope="col">In it now</th>
                <th scope="col" className="numeric">
                  Words
                </th>
                <th scope="col">Last change</th>
              </tr>
            </thead>
            <tbody>
              {state.kind === 'loading' &&
                [0, 1, 2].map((i) => (
                  <tr key={i} className="story-row story-row--placeholder" aria-hidden="true">
                    <td colSpan={5}>
                      <span className="skeleton" />
                    </td>
                  </tr>
                ))}
              {state.kind === 'ready' && state.articles.length === 0 && (
                <tr>
                  <td colSpan={5} className="desk__empty">
                    No stories yet. Start one with <strong>New story</strong>.
                  </td>
                </tr>
              )}
              {state.kind === 'ready' && state.articles.map((article) => <StoryRow key={article.id} article={article} me={me} now={now} />)}
            </tbody>
          </table>
        )}
      </main>
    </div>
  );
}
