/** The comment_threads and comments tables: threads anchored to a story's words, and what people said in them. */
import { randomUUID } from 'node:crypto';
import { fromBase64, toBase64 } from 'lib0/buffer';
import type { CommentThread, ThreadAnchor, ThreadComment } from '../../shared/comments';
import { colorFor } from '../../shared/people';
import type { Database, Sql } from '../store/database';

/** A thread as stored; `detached` is the doc's business, added by whoever reads the doc. */
export type StoredThread = Omit<CommentThread, 'detached'>;

interface ThreadRow {
  id: string;
  article_id: string;
  anchor_start: Uint8Array;
  anchor_end: Uint8Array;
  quote: string;
  created_by: string;
  creator_name: string;
  created_at: string;
  resolved_at: string | null;
  resolved_by: string | null;
  resolver_name: string | null;
}

interface CommentRow {
  id: number;
  thread_id: string;
  author_id: string;
  author_name: string;
  body: string;
  created_at: string;
}

const person = (id: string, name: string | null) => ({ id, name: name ?? '', color: colorFor(id) });

const selectThreads = `SELECT t.*, c.name AS creator_name, r.name AS resolver_name FROM comment_threads t
  JOIN users c ON c.id = t.created_by LEFT JOIN users r ON r.id = t.resolved_by`;
const selectComments = 'SELECT m.*, u.name AS author_name FROM comments m JOIN users u ON u.id = m.author_id';

const toComment = (r: CommentRow): ThreadComment => ({ id: Number(r.id), author: person(r.author_id, r.author_name), body: r.body, createdAt: r.created_at });

/** The comment tables. */
export class CommentStore {
  constructor(private readonly db: Database) {}

  /** Runs `fn` in one transaction. */
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
    return this.db.transaction(fn);
  }

  /** Opens a thread with its first comment; returns the thread's id. */
  async open(
    thread: { articleId: string; anchor: ThreadAnchor; quote: string; createdBy: string; body: string; at: Date },
    on: Sql = this.db,
  ): Promise<string> {
    const id = randomUUID();
    const at = thread.at.toISOString();
    await on.run('INSERT INTO comment_threads (id, article_id, anchor_start, anchor_end, quote, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)', [
      id,
      thread.articleId,
      fromBase64(thread.anchor.start),
      fromBase64(thread.anchor.end),
      thread.quote,
      thread.createdBy,
      at,
    ]);
    await this.reply(id, { authorId: thread.createdBy, body: thread.body, at: thread.at }, on);
    return id;
  }

  /** Adds a comment to a thread; returns its id. */
  async reply(threadId: string, comment: { authorId: string; body: string; at: Date }, on: Sql = this.db): Promise<number> {
    const row = await on.get<{ id: number }>('INSERT INTO comments (thread_id, author_id, body, created_at) VALUES (?, ?, ?, ?) RETURNING id', [
      threadId,
      comment.authorId,
      comment.body,
      comment.at.toISOString(),
    ]);
    return Number(row!.id);
  }

  /** Resolves a thread (a resolved one keeps its first resolver); false when there is no such open thread. */
  async resolve(threadId: string, by: string, at: Date, on: Sql = this.db): Promise<boolean> {
    return (await on.run('UPDATE comment_threads SET resolved_at = ?, resolved_by = ? WHERE id = ? AND resolved_at IS NULL', [at.toISOString(), by, threadId])) > 0;
  }

  /** Reopens a resolved thread; false when there is no such resolved thread. */
  async reopen(threadId: string, on: Sql = this.db): Promise<boolean> {
    return (await on.run('UPDATE comment_threads SET resolved_at = NULL, resolved_by = NULL WHERE id = ? AND resolved_at IS NOT NULL', [threadId])) > 0;
  }

  /** One thread of a story, with its comments. */
  async thread(articleId: string, threadId: string, on: Sql = this.db): Promise<StoredThread | undefined> {
    const row = await on.get<ThreadRow>(`${selectThreads} WHERE t.id = ? AND t.article_id = ?`, [threadId, articleId]);
    if (!row) return undefined;
    const comments = await on.all<CommentRow>(`${selectComments} WHERE m.thread_id = ? ORDER BY m.id`, [threadId]);
    return this.toThread(row, comments);
  }

  /** Every thread of a story, oldest first, each with its comments. */
  async forArticle(articleId: string, on: Sql = this.db): Promise<StoredThread[]> {
    const rows = await on.all<ThreadRow>(`${selectThreads} WHERE t.article_id = ? ORDER BY t.created_at, t.id`, [articleId]);
    const comments = await on.all<CommentRow>(`${selectComments} JOIN comment_threads t ON t.id = m.thread_id WHERE t.article_id = ? ORDER BY m.id`, [articleId]);
    const byThread = new Map<string, CommentRow[]>();
    for (const c of comments) byThread.set(c.thread_id, [...(byThread.get(c.thread_id) ?? []), c]);
    return rows.map((r) => this.toThread(r, byThread.get(r.id) ?? []));
  }

  /** How many of a story's threads are open (the publish checklist's `comments` line). */
  async openCount(articleId: string, on: Sql = this.db): Promise<number> {
    const row = await on.get<{ n: number }>('SELECT COUNT(*) AS n FROM comment_threads WHERE article_id = ? AND resolved_at IS NULL', [articleId]);
    return Number(row?.n ?? 0);
  }

  private toThread(r: ThreadRow, comments: CommentRow[]): StoredThread {
    return {
      id: r.id,
      articleId: r.article_id,
      anchor: { start: toBase64(new Uint8Array(r.anchor_start)), end: toBase64(new Uint8Array(r.anchor_end)) },
      quote: r.quote,
      createdBy: person(r.created_by, r.creator_name),
      createdAt: r.created_at,
      resolvedAt: r.resolved_at,
      resolvedBy: r.resolved_by ? person(r.resolved_by, r.resolver_name) : null,
      comments: comments.map(toComment),
    };
  }
}
