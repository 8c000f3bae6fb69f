/** Stories: the budget, one story, its owned fields and bylines, workflow steps, the audit log, imports. */
import type { ArticleDetail, ArticleSummary, AuditEntry } from '../../../shared/api';
import type { ArticleState } from '../../../shared/article';
import type { Action } from '../../../shared/workflow';
import { request } from './http';

const articlePath = (id: string) => `/api/articles/${encodeURIComponent(id)}`;

/** The story budget, most recently changed first as the server orders it. */
export async function listArticles(signal?: AbortSignal): Promise<ArticleSummary[]> {
  const { articles } = await request<{ articles: ArticleSummary[] }>('/api/articles', { signal });
  return articles;
}

/** Start a new story; the server seeds its document. */
export function createArticle(headline?: string): Promise<ArticleDetail> {
  return request<ArticleDetail>('/api/articles', { method: 'POST', body: headline ? { headline } : {} });
}

/** One story, rendered by the server from its live document, with what the viewer may do. */
export function getArticle(id: string, signal?: AbortSignal): Promise<ArticleDetail> {
  return request<ArticleDetail>(articlePath(id), { signal });
}

/** The fields the server owns and a person edits over REST: the slug and the deadline. */
export interface OwnedFields {
  slug?: string;
  /** ISO 8601, or null to clear it. */
  deadline?: string | null;
}

/** Change the slug (until first publication) or the deadline. */
export function updateArticle(id: string, fields: OwnedFields): Promise<ArticleDetail> {
  return request<ArticleDetail>(articlePath(id), { method: 'PATCH', body: fields });
}

/** Put a colleague on the byline. */
export function addAuthor(id: string, userId: string): Promise<ArticleDetail> {
  return request<ArticleDetail>(`${articlePath(id)}/authors`, { method: 'POST', body: { userId } });
}

/** Take someone off the byline (a story keeps at least one author). */
export function removeAuthor(id: string, userId: string): Promise<ArticleDetail> {
  return request<ArticleDetail>(`${articlePath(id)}/authors/${encodeURIComponent(userId)}`, { method: 'DELETE' });
}

/** A workflow step as the story page asks for it. */
export interface TransitionRequest {
  action: Action;
  note?: string;
  /** When to publish (schedule), ISO 8601. */
  at?: string;
  /** Where send_back goes. */
  to?: Extract<ArticleState, 'copy_edit' | 'draft'>;
}

/** What a step did. */
export interface TransitionResult {
  state: ArticleState;
  event: AuditEntry;
  scheduledAt: string | null;
  slug: string | null;
}

/** Take a workflow step; rejects with the server's 403, 409 or 422 and its message. */
export function transition(id: string, step: TransitionRequest): Promise<TransitionResult> {
  return request<TransitionResult>(`${articlePath(id)}/transitions`, { method: 'POST', body: step });
}

/** A story's audit log, oldest first. */
export async function listEvents(id: string, signal?: AbortSignal): Promise<AuditEntry[]> {
  const { events } = await request<{ events: AuditEntry[] }>(`${articlePath(id)}/events`, { signal });
  return events;
}

/** What an import kept out of the new story. */
export interface ImportReport {
  /** The credit found for the lead picture, if any. */
  heroCredit: string | null;
  /** What was not taken into the story (datelines, boilerplate, embeds…), each a short preview. */
  dropped: string[];
}

/** Make a new story from a pasted wire story (plain text); answers with its budget line. */
export function importArticle(text: string): Promise<{ article: ArticleSummary; imported: ImportReport }> {
  return request<{ article: ArticleSummary; imported: ImportReport }>('/api/articles/import', { method: 'POST', body: { text } });
}
