/** Stories: `GET/POST /api/articles`, `GET /api/articles/:id`. */
import type { ArticleDetail, ArticleSummary } from '../../../shared/api';
import { request } from './http';

/** The story list, newest activity first as the server orders it. */
export async function listArticles(signal?: AbortSignal): Promise<ArticleSummary[]> {
  const { articles } = await request<{ articles: ArticleSummary[] }>('/api/articles', { signal });
  return articles;
}

/** Start a new story; the server seeds its document. */
export function createArticle(headline?: string): Promise<ArticleDetail> {
  return request<ArticleDetail>('/api/articles', { method: 'POST', body: headline ? { headline } : {} });
}

/** One story, rendered by the server from its live document. */
export function getArticle(id: string, signal?: AbortSignal): Promise<ArticleDetail> {
  return request<ArticleDetail>(`/api/articles/${encodeURIComponent(id)}`, { signal });
}
