/**
 * The newsroom's live events over socket.io: what the server sends and what a client may send,
 * as typed maps for socket.io's generics. Room names are built here, never spelled at call sites.
 */
import type { ArticleState } from './article';
import type { ArticleSummary, AuditEntry, Notification } from './api';
import type { CommentThread } from './comments';
import type { Access } from './workflow';

/** Events the server sends. */
export interface ServerToClientEvents {
  /** A story on the budget changed (state, headline, desk, bylines, who is in it). */
  'budget:article': (article: ArticleSummary) => void;
  /** A story you watch changed state; `access` is yours now. */
  'article:state': (change: { articleId: string; state: ArticleState; access: Access; event: AuditEntry }) => void;
  /** Your access to a story you watch changed without a state change (a byline or role change). */
  'article:access': (change: { articleId: string; access: Access }) => void;
  /** Something needs you: a story reached your desk or came back to you. */
  notification: (notification: Notification) => void;
  /** A comment thread of a story you watch was opened, answered, resolved or reopened: the whole thread. */
  'thread:changed': (thread: CommentThread) => void;
}

/** Events a client may send. */
export interface ClientToServerEvents {
  /** Follow one story's changes (the story page); answers with the current access, or an error. */
  'article:watch': (articleId: string, ack: (reply: { ok: true; access: Access } | { ok: false; error: string }) => void) => void;
  'article:unwatch': (articleId: string) => void;
}

/** Socket.io room names. */
export const Rooms = {
  /** Everyone signed in: the story budget. */
  budget: 'budget',
  /** One person's sockets: notifications, access changes. */
  user: (userId: string) => `user:${userId}`,
  /** Sockets watching one story. */
  article: (articleId: string) => `article:${articleId}`,
} as const;
