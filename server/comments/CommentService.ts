/**
 * Comment threads on a story: open one on some words, reply, resolve, reopen. Each command checks that
 * the story exists and that the person may comment in its state, writes its rows and the notifications
 * of the people it @mentions in one transaction, then tells the story's watchers and the mentioned.
 */
import * as Y from 'yjs';
import type { Notification } from '../../shared/api';
import { ArticleRoots } from '../../shared/article';
import { BodyLayout, decodeAnchor, mentionedPeople, quoteOf, type CommentThread, type ThreadAnchor } from '../../shared/comments';
import { accessFor, allows } from '../../shared/workflow';
import type { ArticleRecord, ArticleStore } from '../articles/ArticleStore';
import type { User, UserStore } from '../auth/users';
import type { CollabServer } from '../collab/CollabServer';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors';
import type { NotificationStore } from '../notifications/NotificationStore';
import { applyStored } from '../store/applyStored';
import type { DocStore } from '../store/DocStore';
import type { Sql } from '../store/database';
import type { CommentStore, StoredThread } from './CommentStore';

/** What the comment commands need. */
export interface CommentServiceDeps {
  store: CommentStore;
  articles: ArticleStore;
  users: UserStore;
  notifications: NotificationStore;
  /** Where a story's doc is read from when it is not open in this process. */
  docs: DocStore;
  collab: Pick<CollabServer, 'openRoom'>;
  /** A thread changed: tell whoever watches the story. */
  threadChanged: (articleId: string, thread: CommentThread) => void;
  /** Pushes a stored notification to a person's open tabs. */
  notify: (userId: string, notification: Notification) => void;
}

/** How much of a comment a mention notification quotes. */
const ExcerptLength = 120;

/** The comment commands. */
export class CommentService {
  constructor(private readonly deps: CommentServiceDeps) {}

  /** Every thread of a story, each marked detached or not against the story as it stands. */
  async list(articleId: string): Promise<CommentThread[]> {
    await this.story(articleId);
    const threads = await this.deps.store.forArticle(articleId);
    return this.withBody(articleId, (layout) => threads.map((t) => present(t, layout)));
  }

  /** Opens a thread on the words an anchor names, with its first comment. */
  async open(user: User, articleId: string, input: { anchor: ThreadAnchor; body: string }): Promise<CommentThread> {
    const article = await this.mayComment(user, articleId);
    if (!decodeAnchor(input.anchor)) throw ValidationError('The anchor is not a pair of positions in the story body.', [{ path: 'anchor', message: 'Not a position in the body.' }]);
    // The words must be in the body as the server has it, and the server quotes them itself. (A writer who
    // comments on words they typed a moment ago may be early: their client asks again once the words are stored.)
    const place = await this.withBody(articleId, (layout) => layout.resolve(input.anchor));
    if (place.detached) throw ValidationError('The anchor does not name words of the story body as stored (they may have just been deleted).', [{ path: 'anchor', message: 'Not words of the body.' }]);
    const quote = quoteOf(place.text);
    const at = new Date();
    const named = await this.named(user, input.body);
    const { id, mentioned } = await this.deps.store.transaction(async (tx) => {
      const id = await this.deps.store.open({ articleId, anchor: input.anchor, quote, createdBy: user.id, body: input.body, at }, tx);
      return { id, mentioned: await this.mention(named, user, article, input.body, tx) };
    });
    return this.changed(articleId, id, mentioned);
  }

  /** Adds a reply to a thread. */
  async reply(user: User, articleId: string, threadId: string, body: string): Promise<CommentThread> {
    const article = await this.mayComment(user, articleId);
    await this.thread(articleId, threadId);
    const named = await this.named(user, body);
    const mentioned = await this.deps.store.transaction(async (tx) => {
      await this.deps.store.reply(threadId, { authorId: user.id, body, at: new Date() }, tx);
      return this.mention(named, user, article, body, tx);
    });
    return this.changed(articleId, threadId, mentioned);
  }

  /** Resolves a thread; resolving a resolved one changes nothing. */
  async resolve(user: User, articleId: string, threadId: string): Promise<CommentThread> {
    await this.mayComment(user, articleId);
    await this.thread(articleId, threadId);
    if (!(await this.deps.store.resolve(threadId, user.id, new Date()))) return this.present(articleId, threadId);
    return this.changed(articleId, threadId, new Map());
  }

  /** Reopens a resolved thread; reopening an open one changes nothing. */
  async reopen(user: User, articleId: string, threadId: string): Promise<CommentThread> {
    await this.mayComment(user, articleId);
    await this.thread(articleId, threadId);
    if (!(await this.deps.store.reopen(threadId))) return this.present(articleId, threadId);
    return this.changed(articleId, threadId, new Map());
  }

  private async story(articleId: string): Promise<ArticleRecord> {
    const article = await this.deps.articles.byId(articleId);
    if (!article) throw NotFoundError('There is no story with that id.');
    return article;
  }

  private async mayComment(user: User, articleId: string): Promise<ArticleRecord> {
    const article = await this.story(articleId);
    const access = accessFor(user.role, article.authors.some((a) => a.id === user.id), article.state);
    if (!allows(access, 'comment')) throw ForbiddenError('You may read this story in its current state, but not comment on it.');
    return article;
  }

  private async thread(articleId: string, threadId: string): Promise<StoredThread> {
    const thread = threadId.length <= 64 ? await this.deps.store.thread(articleId, threadId) : undefined;
    if (!thread) throw NotFoundError('There is no such comment thread on this story.');
    return thread;
  }

  /** The people a comment @mentions, its author left out. */
  private async named(author: User, body: string): Promise<User[]> {
    if (!body.includes('@')) return [];
    return mentionedPeople(body, (await this.deps.users.list()).filter((u) => u.id !== author.id));
  }

  /** Stores a notification for each person named (inside the comment's transaction); pushed after commit. */
  private async mention(named: User[], author: User, article: ArticleRecord, body: string, tx: Sql): Promise<Map<string, Notification>> {
    if (named.length === 0) return new Map();
    const title = article.headline ? `“${article.headline}”` : 'an untitled story';
    const text = body.replace(/\s+/g, ' ').trim();
    const excerpt = text.length > ExcerptLength ? `${text.slice(0, ExcerptLength - 1)}…` : text;
    const message = `${author.name} mentioned you in a comment on ${title}: “${excerpt}”`;
    return this.deps.notifications.add(
      named.map((p) => p.id),
      { articleId: article.id, kind: 'mentioned', message },
      tx,
    );
  }

  /** After a committed change: the thread as it stands, to the story's watchers and to the mentioned. */
  private async changed(articleId: string, threadId: string, mentioned: Map<string, Notification>): Promise<CommentThread> {
    const thread = await this.present(articleId, threadId);
    this.deps.threadChanged(articleId, thread);
    for (const [userId, notification] of mentioned) this.deps.notify(userId, notification);
    return thread;
  }

  private async present(articleId: string, threadId: string): Promise<CommentThread> {
    const thread = await this.thread(articleId, threadId);
    return this.withBody(articleId, (layout) => present(thread, layout));
  }

  /**
   * Reads the story's body: the live doc when this process has it open (only read, never converted),
   * else a copy rebuilt from the store.
   */
  private async withBody<T>(articleId: string, read: (layout: BodyLayout) => T): Promise<T> {
    const room = this.deps.collab.openRoom(articleId);
    if (room) return read(new BodyLayout(room.doc.getXmlFragment(ArticleRoots.body)));
    const doc = new Y.Doc();
    try {
      applyStored(doc, await this.deps.docs.load(articleId));
      return read(new BodyLayout(doc.getXmlFragment(ArticleRoots.body)));
    } finally {
      doc.destroy();
    }
  }
}

function present(thread: StoredThread, layout: BodyLayout): CommentThread {
  return { ...thread, detached: layout.resolve(thread.anchor).detached };
}
