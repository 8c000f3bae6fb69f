/**
 * The Comments tab: a story's threads, each with the words it is about, who said what and when, and
 * Reply / Resolve / Reopen for whoever may comment. Threads come from the server and stay live over
 * the newsroom socket (`thread:changed`); where each one sits, and whether its words are gone
 * (detached), is read from the editor's own doc as it changes.
 */
import { Fragment, useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { Editor } from '@tiptap/react';
import { BodyLayout, type AnchorPlace, type CommentThread, type ThreadAnchor } from '../../../shared/comments';
import { listThreads, openThread, reopenThread, replyToThread, resolveThread } from '../api/comments';
import { ApiRequestError } from '../api/http';
import { listPeople } from '../api/people';
import type { CollabSession } from '../editor/collabSession';
import { leavesOf, selectWords } from '../editor/comments/commentHighlights';
import { useCommentHighlights } from '../editor/comments/useCommentHighlights';
import { useNewsroomConnect, useNewsroomEvent } from '../realtime/newsroomSocket';
import { Avatar } from '../ui/Avatars';
import { relativeTime } from '../ui/relativeTime';
import { Timestamp } from '../ui/Timestamp';
import { useNow } from '../ui/useNow';

/** A thread and where its words are in the editor's doc now. */
export interface ThreadView {
  thread: CommentThread;
  place: AnchorPlace;
}

/** A story's comment threads, live, with what the page does with them. */
export interface CommentsModel {
  /** Open threads in the order of their words (detached ones last), then resolved ones, newest first. */
  views: ThreadView[];
  openCount: number;
  loaded: boolean;
  active: string | null;
  setActive: (threadId: string | null) => void;
  /** The words a comment is being written about, highlighted meanwhile. */
  setDraft: (anchor: ThreadAnchor | null) => void;
  /** Opens a thread; resolves with it. */
  open: (input: { anchor: ThreadAnchor; quote: string; body: string }) => Promise<CommentThread>;
  reply: (threadId: string, body: string) => Promise<void>;
  resolve: (threadId: string) => Promise<void>;
  reopen: (threadId: string) => Promise<void>;
  /** Selects a thread's words in the body; false when they are gone. */
  show: (threadId: string) => boolean;
}

/** How long after a change to the doc the threads' places are read again. */
const placeRefreshMs = 250;
/** How long to wait before asking again when the server has not stored the words yet. */
const anchorRetryMs = 1_200;

/** The threads of a story, live: loaded, then kept by `thread:changed`, refetched on every reconnection. */
export function useComments(articleId: string, session: CollabSession | null, body: Editor | null, onActivate: (threadId: string) => void): CommentsModel {
  const [threads, setThreads] = useState<Map<string, CommentThread>>(new Map());
  const [loaded, setLoaded] = useState(false);
  const [active, setActive] = useState<string | null>(null);
  const [draft, setDraft] = useState<ThreadAnchor | null>(null);
  const [docVersion, setDocVersion] = useState(0);

  const upsert = useCallback((thread: CommentThread) => {
    setThreads((current) => new Map(current).set(thread.id, thread));
  }, []);

  const load = useCallback(() => {
    const controller = new AbortController();
    listThreads(articleId, controller.signal).then(
      (list) => {
        setThreads(new Map(list.map((t) => [t.id, t])));
        setLoaded(true);
      },
      () => undefined,
    );
    return controller;
  }, [articleId]);
  useEffect(() => {
    const controller = load();
    return () => controller.abort();
  }, [load]);
  useNewsroomConnect(() => void load());
  useNewsroomEvent('thread:changed', (thread) => {
    if (thread.articleId === articleId) upsert(thread);
  });

  // Places follow the doc: another writer may type around the words, or delete them.
  const fragment = session?.fragment('body') ?? null;
  useEffect(() => {
    if (!session) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const onUpdate = () => {
      if (!timer) timer = setTimeout(() => ((timer = null), setDocVersion((v) => v + 1)), placeRefreshMs);
    };
    session.doc.on('update', onUpdate);
    return () => {
      if (timer) clearTimeout(timer);
      session.doc.off('update', onUpdate);
    };
  }, [session]);

  const views = useMemo(() => {
    void docVersion;
    // Nothing to place: skip reading the doc (and, before the body editor exists, building the body
    // schema for it), which would otherwise fall on the story's first render.
    if (threads.size === 0) return [];
    const layout = fragment && body && !body.isDestroyed ? new BodyLayout(fragment, leavesOf(body.schema)) : fragment ? new BodyLayout(fragment) : null;
    const all = [...threads.values()].map((thread) => ({ thread, place: layout ? layout.resolve(thread.anchor) : ({ detached: thread.detached } as AnchorPlace) }));
    const position = (v: ThreadView) => (v.place.detached ? Number.MAX_SAFE_INTEGER : v.place.from);
    const open = all.filter((v) => !v.thread.resolvedAt).sort((a, b) => position(a) - position(b) || a.thread.createdAt.localeCompare(b.thread.createdAt));
    const resolved = all.filter((v) => v.thread.resolvedAt).sort((a, b) => b.thread.resolvedAt!.localeCompare(a.thread.resolvedAt!));
    return [...open, ...resolved];
  }, [threads, fragment, body, docVersion]);

  const highlight = useMemo(
    () => ({ threads: views.filter((v) => !v.thread.resolvedAt).map((v) => ({ id: v.thread.id, anchor: v.thread.anchor })), active, draft }),
    [views, active, draft],
  );
  useCommentHighlights(body, fragment, highlight, (id) => {
    setActive(id);
    onActivate(id);
  });

  const open = useCallback(
    async (input: { anchor: ThreadAnchor; quote: string; body: string }) => {
      let thread: CommentThread;
      try {
        thread = await openThread(articleId, input);
      } catch (error) {
        // Words typed a moment ago may not be stored yet: ask once more when they should be.
        if (!(error instanceof ApiRequestError) || error.status !== 400 || !JSON.stringify(error.details ?? '').includes('anchor')) throw error;
        await new Promise((r) => setTimeout(r, anchorRetryMs));
        thread = await openThread(articleId, input);
      }
      upsert(thread);
      setActive(thread.id);
      return thread;
    },
    [articleId, upsert],
  );

  const show = useCallback(
    (threadId: string) => {
      setActive(threadId);
      const thread = threads.get(threadId);
      return Boolean(thread && body && fragment && !body.isDestroyed && selectWords(body, fragment, thread.anchor));
    },
    [threads, body, fragment],
  );

  return {
    views,
    openCount: views.filter((v) => !v.thread.resolvedAt).length,
    loaded,
    active,
    setActive,
    setDraft,
    open,
    reply: async (threadId, text) => upsert(await replyToThread(articleId, threadId, text)),
    resolve: async (threadId) => upsert(await resolveThread(articleId, threadId)),
    reopen: async (threadId) => upsert(await reopenThread(articleId, threadId)),
    show,
  };
}

/** The newsroom's names, for showing @mentions; loaded once per page. */
function useMentionPattern(): RegExp | null {
  const [pattern, setPattern] = useState<RegExp | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    listPeople(controller.signal).then(
      (people) => {
        const firsts = new Map<string, number>();
        for (const p of people) {
          const first = p.name.trim().split(/\s+/)[0]?.toLocaleLowerCase();
          if (first) firsts.set(first, (firsts.get(first) ?? 0) + 1);
        }
        const names = [...people.map((p) => p.name.trim()), ...[...firsts].filter(([, n]) => n === 1).map(([first]) => first)]
          .filter(Boolean)
          .sort((a, b) => b.length - a.length)
          .map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+'));
        if (names.length) setPattern(new RegExp(`(?<![\\p{L}\\p{M}\\p{N}])@(?:${names.join('|')})(?![\\p{L}\\p{M}\\p{N}])`, 'giu'));
      },
      () => undefined,
    );
    return () => controller.abort();
  }, []);
  return pattern;
}

/** A comment's text with its @mentions marked. */
function withMentions(text: string, pattern: RegExp | null): ReactNode {
  if (!pattern) return text;
  const parts: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    parts.push(text.slice(last, match.index));
    parts.push(
      <span key={match.index} className="comment__mention">
        {match[0]}
      </span>,
    );
    last = match.index + match[0].length;
  }
  parts.push(text.slice(last));
  return parts.map((p, i) => <Fragment key={i}>{p}</Fragment>);
}

/** A text box that sends with Ctrl+Enter (⌘↩ on a Mac). */
export function sendsOnModEnter(send: () => void) {
  return (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      send();
    }
  };
}

interface CommentsPanelProps {
  comments: CommentsModel;
  mayComment: boolean;
}

/** The Comments tab. */
export function CommentsPanel({ comments, mayComment }: CommentsPanelProps) {
  const [showResolved, setShowResolved] = useState(false);
  const now = useNow(30_000);
  const mentions = useMentionPattern();
  const open = comments.views.filter((v) => !v.thread.resolvedAt);
  const resolved = comments.views.filter((v) => v.thread.resolvedAt);
  const listRef = useRef<HTMLElement | null>(null);

  // A thread brought into focus from the text scrolls into view here.
  useEffect(() => {
    if (!comments.active) return;
    const card = listRef.current?.querySelector(`[data-id="${CSS.escape(comments.active)}"]`);
    card?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [comments.active]);

  return (
    <section className="comments" data-testid="comments" data-count={open.length} aria-label="Comments" ref={listRef}>
      <div className="comments__head panel-pad">
        <span className="panel-section__title">{open.length === 0 ? 'No open comments' : `${open.length} open thread${open.length === 1 ? '' : 's'}`}</span>
        {resolved.length > 0 && (
          <button type="button" className="button button--sm button--quiet" data-testid="show-resolved" aria-pressed={showResolved} onClick={() => setShowResolved((s) => !s)}>
            {showResolved ? 'Hide resolved' : `Resolved (${resolved.length})`}
          </button>
        )}
      </div>
      {comments.loaded && open.length === 0 && (
        <p className="muted panel-pad comments__empty">
          {mayComment ? 'Select words in the story, then Comment (Ctrl+Alt+M). Write @ and a name to tell a colleague.' : 'Comments on the story appear here.'}
        </p>
      )}
      <ol className="comments__list">
        {[...open, ...(showResolved ? resolved : [])].map((view) => (
          <ThreadCard key={view.thread.id} view={view} comments={comments} mayComment={mayComment} now={now} mentions={mentions} />
        ))}
      </ol>
    </section>
  );
}

function ThreadCard({ view, comments, mayComment, now, mentions }: { view: ThreadView; comments: CommentsModel; mayComment: boolean; now: number; mentions: RegExp | null }) {
  const { thread, place } = view;
  const [reply, setReply] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const isActive = comments.active === thread.id;
  const resolved = Boolean(thread.resolvedAt);

  const act = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
      return true;
    } catch (e) {
      setError(e instanceof Error ? e.message : 'That did not work. Try again.');
      return false;
    } finally {
      setBusy(false);
    }
  };
  const send = async () => {
    const text = reply.trim();
    if (!text || busy) return;
    if (await act(() => comments.reply(thread.id, text))) setReply('');
  };

  return (
    <li
      className={`thread-card${isActive ? ' is-active' : ''}${resolved ? ' thread-card--resolved' : ''}${place.detached ? ' thread-card--detached' : ''}`}
      data-testid="thread"
      data-id={thread.id}
      data-state={resolved ? 'resolved' : 'open'}
      data-detached={place.detached ? 'true' : 'false'}
      onClick={() => comments.setActive(thread.id)}
    >
      <button
        type="button"
        className="thread-card__quote"
        data-testid="thread-quote"
        disabled={place.detached}
        title={place.detached ? 'The words this thread was about have been deleted.' : 'Show the words in the story'}
        onClick={(event) => {
          event.stopPropagation();
          comments.show(thread.id);
        }}
      >
        {place.detached && (
          <span className="thread-card__detached" data-testid="thread-detached">
            Detached
          </span>
        )}
        <span className="thread-card__quote-text">{place.detached ? thread.quote : place.text.replace(/\s+/g, ' ')}</span>
      </button>
      <ol className="thread-card__comments">
        {thread.comments.map((c) => (
          <li key={c.id} className="comment" data-testid="thread-comment">
            <span className="comment__who">
              <Avatar person={{ name: c.author.name, color: c.author.color }} size="sm" />
              <span className="comment__name" data-testid="comment-author">
                {c.author.name}
              </span>
              <Timestamp className="comment__time" testId="comment-time" iso={c.createdAt}>
                {relativeTime(c.createdAt, now)}
              </Timestamp>
            </span>
            <p className="comment__body" data-testid="comment-body">
              {withMentions(c.body, mentions)}
            </p>
          </li>
        ))}
      </ol>
      {resolved && (
        <p className="thread-card__resolved" data-testid="thread-resolved-by">
          Resolved by {thread.resolvedBy?.name ?? 'someone'} · <Timestamp iso={thread.resolvedAt!}>{relativeTime(thread.resolvedAt!, now)}</Timestamp>
        </p>
      )}
      {mayComment && !resolved && (
        <div className="thread-card__reply">
          <textarea
            className="field__textarea thread-card__reply-box"
            data-testid="thread-reply"
            rows={reply ? 3 : 1}
            placeholder="Reply…"
            aria-label={`Reply to ${thread.createdBy.name}`}
            value={reply}
            disabled={busy}
            onChange={(event) => setReply(event.target.value)}
            onKeyDown={sendsOnModEnter(() => void send())}
          />
        </div>
      )}
      {error && (
        <p className="thread-card__error" role="alert">
          {error}
        </p>
      )}
      {mayComment && (
        <div className="thread-card__actions">
          {!resolved && reply.trim() && (
            <button type="button" className="button button--sm button--primary" data-testid="thread-reply-send" disabled={busy} onClick={() => void send()}>
              Reply
            </button>
          )}
          {resolved ? (
            <button type="button" className="button button--sm" data-testid="thread-reopen" disabled={busy} onClick={() => void act(() => comments.reopen(thread.id))}>
              Reopen
            </button>
          ) : (
            <button type="button" className="button button--sm" data-testid="thread-resolve" disabled={busy} onClick={() => void act(() => comments.resolve(thread.id))}>
              Resolve
            </button>
          )}
        </div>
      )}
    </li>
  );
}
