/** The server's record of a story's suggestions: author and first-seen time of each. */
import type { SuggestionRecord } from '../../../shared/suggestions';
import { request } from './http';

/** Every suggestion the server has recorded for a story (some may be resolved since). */
export function listSuggestionRecords(articleId: string, signal?: AbortSignal): Promise<SuggestionRecord[]> {
  return request<SuggestionRecord[]>(`/api/articles/${encodeURIComponent(articleId)}/suggestions`, { signal });
}
