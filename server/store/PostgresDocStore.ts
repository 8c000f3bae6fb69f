/** The PostgreSQL implementation of `DocStore`, shared by every instance of a scaled-out newsroom. */
import type { DocStore, LogEntry, StoredDoc } from './DocStore';
import type { PostgresDatabase } from './postgres';

/** Article docs in PostgreSQL. */
export class PostgresDocStore implements DocStore {
  constructor(private readonly db: PostgresDatabase) {}

  async load(articleId: string): Promise<StoredDoc> {
    // One repeatable-read transaction, so the snapshot and the log are seen at the same moment.
    const client = await this.db.pool.connect();
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const snapshot = await client.query<{ data: Buffer }>('SELECT data FROM article_snapshots WHERE article_id = $1', [articleId]);
      const rows = await client.query<{ id: number; data: Buffer }>('SELECT id, data FROM article_updates WHERE article_id = $1 ORDER BY id', [articleId]);
      await client.query('COMMIT');
      return {
        snapshot: snapshot.rows[0] ? new Uint8Array(snapshot.rows[0].data) : null,
        updates: rows.rows.map((r) => new Uint8Array(r.data)),
        updateIds: rows.rows.map((r) => r.id),
      };
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  async append(entries: LogEntry[]): Promise<void> {
    if (!entries.length) return;
    // One statement, so one round trip and one commit, however many updates the turn gathered.
    const placeholders = entries.map((_, i) => `($${2 * i + 1}, $${2 * i + 2})`).join(', ');
    const values = entries.flatMap((e) => [e.articleId, Buffer.from(e.update.buffer, e.update.byteOffset, e.update.byteLength)]);
    await this.db.pool.query(`INSERT INTO article_updates (article_id, data) VALUES ${placeholders}`, values);
  }

  async logLength(articleId: string): Promise<number> {
    return (await this.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM article_updates WHERE article_id = ?', [articleId]))?.n ?? 0;
  }

  async logIndex(articleId: string): Promise<{ ids: number[]; bytes: number }> {
    const rows = await this.db.all<{ id: number; bytes: number }>('SELECT id, LENGTH(data) AS bytes FROM article_updates WHERE article_id = ? ORDER BY id', [articleId]);
    return { ids: rows.map((r) => Number(r.id)), bytes: rows.reduce((n, r) => n + Number(r.bytes), 0) };
  }

  replaceSnapshot(articleId: string, snapshot: Uint8Array, mergedIds: number[]): Promise<boolean> {
    const upToId = mergedIds[mergedIds.length - 1] ?? 0;
    return this.db.transaction(async (tx) => {
      // Instances compacting one article take turns, and the second finds the log already merged.
      await tx.get('SELECT pg_advisory_xact_lock(hashtext(?))', [`compact:${articleId}`]);
      if (!(await tx.get('SELECT 1 FROM article_updates WHERE id = ? AND article_id = ?', [upToId, articleId]))) return false;
      await tx.run(
        `INSERT INTO article_snapshots (article_id, data, compacted_at) VALUES (?, ?, ?)
         ON CONFLICT(article_id) DO UPDATE SET data = excluded.data, compacted_at = excluded.compacted_at`,
        [articleId, snapshot, new Date().toISOString()],
      );
      // Exactly the rows merged: ids are handed out at insert but rows commit in any order, so a row
      // with a smaller id may have committed after the snapshot was read.
      await tx.run('DELETE FROM article_updates WHERE article_id = ? AND id = ANY(?::bigint[])', [articleId, mergedIds]);
      return true;
    });
  }

  async compactionLock<T>(articleId: string, work: () => Promise<T>): Promise<T | undefined> {
    // A session lock on one pooled connection: held across the read, the merge and the write.
    const client = await this.db.pool.connect();
    try {
      const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS locked', [`compacting:${articleId}`]);
      if (!rows[0].locked) return undefined;
      try {
        return await work();
      } finally {
        await client.query('SELECT pg_advisory_unlock(hashtext($1))', [`compacting:${articleId}`]);
      }
    } finally {
      client.release();
    }
  }

  async sizeOf(articleId: string): Promise<number> {
    const row = await this.db.get<{ n: number }>(
      `SELECT (SELECT COALESCE(SUM(LENGTH(data)), 0) FROM article_snapshots WHERE article_id = ?)
            + (SELECT COALESCE(SUM(LENGTH(data)), 0) FROM article_updates WHERE article_id = ?) AS n`,
      [articleId, articleId],
    );
    return row?.n ?? 0;
  }
}
