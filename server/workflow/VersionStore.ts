/** Named versions of a story: a Yjs snapshot saved at each transition (and, later, by hand). */
import type { SqliteDatabase } from '../store/sqlite';

/** The article_versions table. */
export class VersionStore {
  constructor(private readonly db: SqliteDatabase) {}

  /** Saves a version (call inside the transaction of the step that made it). */
  save(version: { articleId: string; name: string; snapshot: Uint8Array; createdBy: string | null; at: Date }): number {
    const { lastInsertRowid } = this.db
      .prepare('INSERT INTO article_versions (article_id, name, snapshot, created_by, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(version.articleId, version.name, version.snapshot, version.createdBy, version.at.toISOString());
    return Number(lastInsertRowid);
  }

  /** A story's versions, oldest first, without their snapshots. */
  async list(articleId: string): Promise<{ id: number; name: string; createdBy: string | null; createdAt: string }[]> {
    return this.db
      .prepare<[string], { id: number; name: string; created_by: string | null; created_at: string }>('SELECT id, name, created_by, created_at FROM article_versions WHERE article_id = ? ORDER BY id')
      .all(articleId)
      .map((r) => ({ id: r.id, name: r.name, createdBy: r.created_by, createdAt: r.created_at }));
  }
}
