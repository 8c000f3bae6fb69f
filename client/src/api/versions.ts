/** A story's versions: the list, saving one, comparing two, what changed since sign-off, restoring. */
import type { ChangesSinceSignOff, VersionDiff, VersionInfo } from '../../../shared/versions';
import { request } from './http';

const versionsPath = (articleId: string) => `/api/articles/${encodeURIComponent(articleId)}/versions`;

/** The story's versions, oldest first. */
export async function listVersions(articleId: string, signal?: AbortSignal): Promise<VersionInfo[]> {
  return (await request<{ versions: VersionInfo[] }>(versionsPath(articleId), { signal })).versions;
}

/** Saves the story as it stands under a name. */
export async function saveVersion(articleId: string, name: string): Promise<VersionInfo> {
  return (await request<{ version: VersionInfo }>(versionsPath(articleId), { method: 'POST', body: { name } })).version;
}

/** Compares two versions, or a version and the story as it stands (`live`); the older comes first. */
export function compareVersions(articleId: string, a: number | 'live', b: number | 'live', signal?: AbortSignal): Promise<VersionDiff> {
  return request<VersionDiff>(`${versionsPath(articleId)}/${a}/diff/${b}`, { signal });
}

/** What changed since the copy desk last signed the story off, and who changed it. */
export function changesSinceSignOff(articleId: string, signal?: AbortSignal): Promise<ChangesSinceSignOff> {
  return request<ChangesSinceSignOff>(`/api/articles/${encodeURIComponent(articleId)}/changes-since-sign-off`, { signal });
}

/** Puts a version's text back, as an edit everyone sees; resolves with the version that records it. */
export async function restoreVersion(articleId: string, versionId: number): Promise<VersionInfo> {
  return (await request<{ version: VersionInfo }>(`${versionsPath(articleId)}/${versionId}/restore`, { method: 'POST' })).version;
}
