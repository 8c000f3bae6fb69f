/** The SQLite implementation of `DocStore`: synchronous statements on the hot path, each prepared once. */
import type { DocStore, LogEntry, StoredDoc } from './DocStore';
import type { SqliteDatabase } from './sqlite';

const Sql = {
  snapshot: 'SELECT data FROM article_snapshots WHERE article_id = ?',
  updates: 'SELECT id, data FROM article_updates WHERE article_id = ? ORDER BY id',
  // A story numbers its own rows: one page of the log written per append (migration 11).
  insert: 'INSERT INTO article_updates (article_id, id, data) VALUES (?, (SELECT COALESCE(MAX(id), 0) + 1 FROM article_updates WHERE article_id = ?), ?)',
  count: 'SELECT COUNT(*) AS n FROM article_updates WHERE article_id = ?',
  index: 'SELECT id, LENGTH(data) AS bytes FROM article_updates WHERE article_id = ? ORDER BY id',
  has: 'SELECT 1 FROM article_updates WHERE id = ? AND article_id = ?',
  upsertSnapshot: `INSERT INTO article_snapshots (article_id, data, compacted_at) VALUES (?, ?, ?)
     ON CONFLICT(article_id) DO UPDATE SET data = excluded.data, compacted_at = excluded.compacted_at`,
  deleteUpTo: 'DELETE FROM article_updates WHERE article_id = ? AND id <= ?',
  size: `SELECT (SELECT COALESCE(SUM(LENGTH(data)), 0) FROM article_snapshots WHERE article_id = ?)
          + (SELECT COALESCE(SUM(LENGTH(data)), 0) FROM article_updates WHERE article_id = ?) AS n`,
};

/** Article docs in the embedded SQLite file. */
export class SqliteDocStore implements DocStore {
  private readonly compacting = new Set<string>();
  private appendAll: ((batch: LogEntry[]) => void) | undefined;

  constructor(private readonly db: SqliteDatabase) {}

  load(articleId: string): Promise<StoredDoc> {
    // One read transaction, so the snapshot and the log are seen at the same moment.
    return this.db.direct((connection, prepare) =>
      connection.transaction(() => {
        const snapshot = prepare(Sql.snapshot).get(articleId) as { data: Buffer } | undefined;
        const rows = prepare(Sql.updates).all(articleId) as { id: number; data: Buffer }[];
        return {
          snapshot: snapshot ? bytesOf(snapshot.data) : null,
          updates: rows.map((r) => bytesOf(r.data)),
          updateIds: rows.map((r) => r.id),
        };
      })(),
    );
  }

  async append(entries: LogEntry[]): Promise<void> {
    if (!entries.length) return;
    await this.db.direct((connection, prepare) => {
      // Made once: better-sqlite3 builds each transaction function anew, on every edit otherwise.
      this.appendAll ??= connection.transaction((batch: LogEntry[]) => {
        const insert = prepare(Sql.insert);
        for (const e of batch) insert.run(e.articleId, e.articleId, e.update);
      });
      this.appendAll(entries);
    });
  }

  logIndex(articleId: string): Promise<{ ids: number[]; bytes: number }> {
    return this.db.direct((_, prepare) => {
      const rows = prepare(Sql.index).all(articleId) as { id: number; bytes: number }[];
      return { ids: rows.map((r) => r.id), bytes: rows.reduce((n, r) => n + r.bytes, 0) };
    });
  }

  logLength(articleId: string): Promise<number> {
    return this.db.direct((_, prepare) => (prepare(Sql.count).get(articleId) as { n: number }).n);
  }

  replaceSnapshot(articleId: string, snapshot: Uint8Array, mergedIds: number[]): Promise<boolean> {
    // A story's rows are numbered in the order they commit: every row of it up to the last merged
    // one was merged.
    const upToId = mergedIds[mergedIds.length - 1] ?? 0;
    return this.db.direct((connection, prepare) => {
      const replaced = connection.transaction(() => {
        if (!prepare(Sql.has).get(upToId, articleId)) return false;
        prepare(Sql.upsertSnapshot).run(articleId, snapshot, new Date().toISOString());
        prepare(Sql.deleteUpTo).run(articleId, upToId);
        return true;
      })();
      // Hand the pages of the deleted log rows back to the file system.
      if (replaced) connection.pragma('incremental_vacuum');
      return replaced;
    });
  }

  async compactionLock<T>(articleId: string, work: () => Promise<T>): Promise<T | undefined> {
    if (this.compacting.has(articleId)) return undefined;
    this.compacting.add(articleId);
    try {
      return await work();
    } finally {
      this.compacting.delete(articleId);
    }
  }

  sizeOf(articleId: string): Promise<number> {
    return this.db.direct((_, prepare) => (prepare(Sql.size).get(articleId, articleId) as { n: number }).n);
  }
}

/** A blob as plain bytes, without copying it: each blob read is a buffer of its own. */
function bytesOf(blob: Buffer): Uint8Array {
  return new Uint8Array(blob.buffer, blob.byteOffset, blob.byteLength);
}
