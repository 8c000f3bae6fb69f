/** Named versions of a story: a Yjs snapshot saved at each transition (and, later, by hand). */
import type { Database, Sql } from '../store/database';

/** The article_versions table. */
export class VersionStore {
  constructor(private readonly db: Database) {}

  /** Saves a version (call inside the transaction of the step that made it). */
  async save(version: { articleId: string; name: string; snapshot: Uint8Array; createdBy: string | null; at: Date }, on: Sql = this.db): Promise<number> {
    const row = await on.get<{ id: number }>('INSERT INTO article_versions (article_id, name, snapshot, created_by, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id', [
      version.articleId,
      version.name,
      version.snapshot,
      version.createdBy,
      version.at.toISOString(),
    ]);
    return row!.id;
  }

  /** A story's versions, oldest first, without their snapshots. */
  async list(articleId: string): Promise<{ id: number; name: string; createdBy: string | null; createdAt: string }[]> {
    return (
      await this.db.all<{ id: number; name: string; created_by: string | null; created_at: string }>(
        'SELECT id, name, created_by, created_at FROM article_versions WHERE article_id = ? ORDER BY id',
        [articleId],
      )
    ).map((r) => ({ id: r.id, name: r.name, createdBy: r.created_by, createdAt: r.created_at }));
  }
}
