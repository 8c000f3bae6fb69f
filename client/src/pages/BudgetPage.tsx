/**
 * The story budget, the newsroom's home page: every story with its state, desk, byline, deadline,
 * length, who is in it now and its last change; filtered by state, desk and "mine"; kept live by the
 * newsroom socket, with a slow poll only while the socket is down.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ArticleSummary, Me } from '../../../shared/api';
import { ArticleStates, StateLabels, type ArticleState } from '../../../shared/article';
import { createArticle, listArticles } from '../api/articles';
import { ApiRequestError } from '../api/http';
import { useNewsroomConnect, useNewsroomConnected, useNewsroomEvent } from '../realtime/newsroomSocket';
import { linkProps, navigate } from '../router';
import { AppHeader } from '../ui/AppHeader';
import { AvatarStack } from '../ui/Avatars';
import { deadlineLabel, relativeTime } from '../ui/relativeTime';
import { Timestamp } from '../ui/Timestamp';
import { groupDigits } from '../ui/wordCount';
import { useNow } from '../ui/useNow';
import { ImportDialog } from './budget/ImportDialog';

/** How often the budget is fetched while live events cannot arrive. */
const fallbackPollMs = 10_000;
/** How long a row that changed live stays highlighted. */
const freshMs = 2_500;

type BudgetState = { kind: 'loading' } | { kind: 'ready'; articles: ArticleSummary[]; stale: boolean } | { kind: 'failed'; message: string };

/** The budget: loaded once, then upserted row by row from `budget:article`. */
function useBudget(): { state: BudgetState; reload: () => void; live: boolean; fresh: ReadonlySet<string> } {
  const [state, setState] = useState<BudgetState>({ kind: 'loading' });
  const [fresh, setFresh] = useState<ReadonlySet<string>>(() => new Set());
  const inFlight = useRef<AbortController | null>(null);
  const live = useNewsroomConnected();

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
        const message = error instanceof ApiRequestError ? error.message : 'The budget could not be loaded.';
        // Keep showing what we had: a failed refresh should not blank the desk.
        setState((previous) => (previous.kind === 'ready' ? { ...previous, stale: true } : { kind: 'failed', message }));
      },
    );
  }, []);

  useEffect(() => {
    reload();
    return () => inFlight.current?.abort();
  }, [reload]);

  // Events sent before the socket (re)connected are not replayed: catch up on each connection.
  useNewsroomConnect(reload);

  useEffect(() => {
    if (live) return;
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') reload();
    }, fallbackPollMs);
    return () => clearInterval(timer);
  }, [live, reload]);

  const shown = useRef(state);
  shown.current = state;

  useNewsroomEvent('budget:article', (summary) => {
    const before = shown.current.kind === 'ready' ? shown.current.articles.find((a) => a.id === summary.id) : undefined;
    const moved = shown.current.kind === 'ready' && (!before || before.state !== summary.state);
    setState((previous) => {
      if (previous.kind !== 'ready') return previous;
      const at = previous.articles.findIndex((a) => a.id === summary.id);
      // Rows keep their place when they change, so the budget does not shuffle under the reader's eye.
      const articles = at === -1 ? [summary, ...previous.articles] : previous.articles.map((a, i) => (i === at ? summary : a));
      return { ...previous, articles };
    });
    // Only a new story or a change of state is highlighted; typing and presence change rows all day.
    if (!moved) return;
    setFresh((previous) => new Set(previous).add(summary.id));
    setTimeout(() => {
      setFresh((previous) => {
        const next = new Set(previous);
        next.delete(summary.id);
        return next;
      });
    }, freshMs);
  });

  return { state, reload, live, fresh };
}

/** The filters, kept in the address so that a desk's view can be bookmarked, and for the tab's session. */
interface Filters {
  state: ArticleState | '';
  desk: string;
  mine: boolean;
}

const filtersKey = 'galley:budget-filters';

function readFilters(): Filters {
  let query = location.search;
  try {
    // Coming back from a story by the "Budget" link: the desk finds its view as it left it.
    if (!query) query = sessionStorage.getItem(filtersKey) ?? '';
  } catch {
    // Storage may be disabled: the address alone keeps the filters.
  }
  const params = new URLSearchParams(query);
  const state = params.get('state') ?? '';
  return {
    state: (ArticleStates as readonly string[]).includes(state) ? (state as ArticleState) : '',
    desk: params.get('desk') ?? '',
    mine: params.get('mine') === '1',
  };
}

function writeFilters(filters: Filters): void {
  const params = new URLSearchParams();
  if (filters.state) params.set('state', filters.state);
  if (filters.desk) params.set('desk', filters.desk);
  if (filters.mine) params.set('mine', '1');
  const query = params.toString();
  history.replaceState(history.state, '', query ? `/?${query}` : '/');
  try {
    sessionStorage.setItem(filtersKey, query ? `?${query}` : '');
  } catch {
    // See readFilters.
  }
}

function matches(article: ArticleSummary, filters: Filters, me: Me): boolean {
  if (filters.state && article.state !== filters.state) return false;
  if (filters.desk && article.desk !== filters.desk) return false;
  if (filters.mine && !article.authors.some((a) => a.id === me.id)) return false;
  return true;
}

function bylineOf(article: ArticleSummary): string {
  const names = article.authors.length ? article.authors.map((a) => a.name) : [article.createdBy.name];
  if (names.length <= 2) return names.join(' and ');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

function StoryRow({ article, me, now, fresh }: { article: ArticleSummary; me: Me; now: number; fresh: boolean }) {
  const path = `/stories/${encodeURIComponent(article.id)}`;
  const link = linkProps(path);
  const headline = article.headline.trim();
  const present = article.present.map((person) => ({ ...person, isYou: person.id === me.id }));
  const deadline = article.deadline ? deadlineLabel(article.deadline, now) : null;
  const done = article.state === 'published' || article.state === 'spiked' || article.state === 'unpublished';
  return (
    <tr className={`story-row${fresh ? ' is-fresh' : ''}`} data-testid="story-row" data-id={article.id} data-state={article.state} onClick={() => navigate(path)}>
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
        <span className="story-row__byline">By {bylineOf(article)}</span>
      </td>
      <td>
        <span className={`state-label state-label--${article.state}`} data-state={article.state}>
          {StateLabels[article.state] ?? article.state}
        </span>
      </td>
      <td className="story-row__desk">{article.desk || <span className="faint">—</span>}</td>
      <td className="story-row__deadline">
        {article.state === 'scheduled' && article.scheduledAt ? (
          <Timestamp iso={article.scheduledAt} lead="Scheduled for" className="is-scheduled">
            Out {deadlineLabel(article.scheduledAt, now).text}
          </Timestamp>
        ) : deadline && !done ? (
          <Timestamp iso={article.deadline!} lead="Deadline" className={deadline.overdue ? 'is-overdue' : undefined}>
            {deadline.text}
          </Timestamp>
        ) : (
          <span className="faint">—</span>
        )}
      </td>
      <td className="numeric">{groupDigits(article.wordCount)}</td>
      <td className="story-row__present">
        <AvatarStack people={present} size="sm" max={4} />
      </td>
      <td className="story-row__time">
        <Timestamp iso={article.updatedAt}>{relativeTime(article.updatedAt, now)}</Timestamp>
      </td>
    </tr>
  );
}

const columns = 7;

/** The story budget page. */
export function BudgetPage({ me }: { me: Me }) {
  const { state, reload, live, fresh } = useBudget();
  const now = useNow(30_000);
  const [filters, setFilters] = useState<Filters>(readFilters);
  // The address shows the filters in force, also when they came from the session.
  useEffect(() => writeFilters(filters), [filters]);
  const [creating, setCreating] = useState(false);
  const [createError, setCreateError] = useState<string | null>(null);
  const [importing, setImporting] = useState(false);

  useEffect(() => {
    document.title = 'Story budget — Galley';
  }, []);

  const update = (patch: Partial<Filters>) => setFilters({ ...filters, ...patch });

  const articles = state.kind === 'ready' ? state.articles : [];
  const desks = useMemo(() => [...new Set(articles.map((a) => a.desk).filter(Boolean))].sort((a, b) => a.localeCompare(b)), [articles]);
  const counts = useMemo(() => {
    const byState = new Map<ArticleState, number>();
    for (const a of articles) byState.set(a.state, (byState.get(a.state) ?? 0) + 1);
    return byState;
  }, [articles]);
  const shown = articles.filter((a) => matches(a, filters, me));
  const filtered = Boolean(filters.state || filters.desk || filters.mine);

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

  let subtitle = '';
  if (state.kind === 'ready') {
    subtitle = state.stale
      ? 'Could not refresh — showing the last budget we had.'
      : filtered
        ? `${shown.length} of ${articles.length} ${articles.length === 1 ? 'story' : 'stories'}`
        : `${articles.length} ${articles.length === 1 ? 'story' : 'stories'}`;
  }

  return (
    <div className="page">
      <AppHeader me={me} />
      <main className="desk">
        <div className="desk__heading">
          <div>
            <h1 className="desk__title">Story budget</h1>
            <p className="desk__subtitle" aria-live="polite">
              <span>{subtitle}</span>
              {state.kind === 'ready' && (
                <span className={`live-dot${live ? ' is-live' : ''}`} title={live ? 'Changes appear as they happen.' : 'Live updates are reconnecting; the budget refreshes every few seconds meanwhile.'}>
                  {live ? 'Live' : 'Reconnecting…'}
                </span>
              )}
            </p>
          </div>
          <div className="desk__actions">
            {createError && (
              <span className="desk__error" role="alert">
                {createError}
              </span>
            )}
            <button type="button" className="button" data-testid="new-story-from-text" onClick={() => setImporting(true)}>
              New story from text
            </button>
            <button type="button" className="button button--primary" data-testid="new-story" disabled={creating} onClick={() => void newStory()}>
              <span aria-hidden="true" className="button__plus">
                +
              </span>
              {creating ? 'Creating…' : 'New story'}
            </button>
          </div>
        </div>

        <div className="filters" role="group" aria-label="Filter the budget">
          <label className="filters__field">
            <span className="filters__label">State</span>
            <select className="select" data-testid="filter-state" value={filters.state} onChange={(e) => update({ state: e.target.value as Filters['state'] })}>
              <option value="">All states</option>
              {ArticleStates.map((s) => (
                <option key={s} value={s}>
                  {StateLabels[s]}
                  {counts.get(s) ? ` (${counts.get(s)})` : ''}
                </option>
              ))}
            </select>
          </label>
          <label className="filters__field">
            <span className="filters__label">Desk</span>
            <select className="select" data-testid="filter-desk" value={filters.desk} onChange={(e) => update({ desk: e.target.value })}>
              <option value="">All desks</option>
              {[...new Set([...desks, ...(filters.desk ? [filters.desk] : [])])].map((d) => (
                <option key={d} value={d}>
                  {d}
                </option>
              ))}
            </select>
          </label>
          <label className="filters__check">
            <input type="checkbox" data-testid="filter-mine" checked={filters.mine} onChange={(e) => update({ mine: e.target.checked })} />
            <span>On my byline</span>
          </label>
          <button type="button" className="link-button filters__clear" hidden={!filtered} onClick={() => update({ state: '', desk: '', mine: false })}>
            Clear filters
          </button>
        </div>

        {state.kind === 'failed' ? (
          <div className="desk__empty desk__empty--boxed" role="alert">
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
              <col className="stories__col-desk" />
              <col className="stories__col-deadline" />
              <col className="stories__col-words" />
              <col className="stories__col-present" />
              <col className="stories__col-time" />
            </colgroup>
            <thead>
              <tr>
                <th scope="col">Story</th>
                <th scope="col">State</th>
                <th scope="col">Desk</th>
                <th scope="col">Deadline</th>
                <th scope="col" className="numeric">
                  Words
                </th>
                <th scope="col">In it now</th>
                <th scope="col">Last change</th>
              </tr>
            </thead>
            <tbody>
              {state.kind === 'loading' &&
                [0, 1, 2].map((i) => (
                  <tr key={i} className="story-row story-row--placeholder" aria-hidden="true">
                    <td colSpan={columns}>
                      <span className="skeleton" />
                    </td>
                  </tr>
                ))}
              {state.kind === 'ready' && articles.length === 0 && (
                <tr>
                  <td colSpan={columns} className="desk__empty">
                    No stories yet. Start one with <strong>New story</strong>, or paste a wire story with <strong>New story from text</strong>.
                  </td>
                </tr>
              )}
              {state.kind === 'ready' && articles.length > 0 && shown.length === 0 && (
                <tr>
                  <td colSpan={columns} className="desk__empty">
                    No story matches these filters.{' '}
                    <button type="button" className="link-button" onClick={() => update({ state: '', desk: '', mine: false })}>
                      Clear filters
                    </button>
                  </td>
                </tr>
              )}
              {shown.map((article) => (
                <StoryRow key={article.id} article={article} me={me} now={now} fresh={fresh.has(article.id)} />
              ))}
            </tbody>
          </table>
        )}
      </main>
      {importing && <ImportDialog onClose={() => setImporting(false)} />}
    </div>
  );
}
