/** A story's comment threads: `/api/articles/:id/threads` and each thread's replies, resolve and reopen. */
import type { CommentThread, ThreadAnchor } from '../../../shared/comments';
import { request } from './http';

const threadsUrl = (articleId: string) => `/api/articles/${encodeURIComponent(articleId)}/threads`;
const threadUrl = (articleId: string, threadId: string) => `${threadsUrl(articleId)}/${encodeURIComponent(threadId)}`;

/** Every thread of a story, open and resolved. */
export async function listThreads(articleId: string, signal?: AbortSignal): Promise<CommentThread[]> {
  return (await request<{ threads: CommentThread[] }>(threadsUrl(articleId), { signal })).threads;
}

/** Opens a thread on the words an anchor names. */
export function openThread(articleId: string, input: { anchor: ThreadAnchor; quote: string; body: string }): Promise<CommentThread> {
  return request<CommentThread>(threadsUrl(articleId), { method: 'POST', body: input });
}

/** Answers a thread. */
export function replyToThread(articleId: string, threadId: string, body: string): Promise<CommentThread> {
  return request<CommentThread>(`${threadUrl(articleId, threadId)}/replies`, { method: 'POST', body: { body } });
}

/** Resolves a thread. */
export function resolveThread(articleId: string, threadId: string): Promise<CommentThread> {
  return request<CommentThread>(`${threadUrl(articleId, threadId)}/resolve`, { method: 'POST' });
}

/** Reopens a resolved thread. */
export function reopenThread(articleId: string, threadId: string): Promise<CommentThread> {
  return request<CommentThread>(`${threadUrl(articleId, threadId)}/reopen`, { method: 'POST' });
}
