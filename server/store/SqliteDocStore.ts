/** The SQLite implementation of `DocStore`. */
import type { DocStore, LogEntry, StoredDoc } from './DocStore';
import type { SqliteDatabase } from './sqlite';

/** Article docs in the embedded SQLite file. */
export class SqliteDocStore implements DocStore {
  private readonly statements;
  private readonly appendAll;
  private readonly replace;

  constructor(private readonly db: SqliteDatabase) {
    this.statements = {
      snapshot: db.prepare<[string], { data: Buffer }>('SELECT data FROM article_snapshots WHERE article_id = ?'),
      updates: db.prepare<[string], { id: number; data: Buffer }>('SELECT id, data FROM article_updates WHERE article_id = ? ORDER BY id'),
      insert: db.prepare('INSERT INTO article_updates (article_id, data) VALUES (?, ?)'),
      count: db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM article_updates WHERE article_id = ?'),
      upsertSnapshot: db.prepare(
        `INSERT INTO article_snapshots (article_id, data, compacted_at) VALUES (?, ?, ?)
         ON CONFLICT(article_id) DO UPDATE SET data = excluded.data, compacted_at = excluded.compacted_at`,
      ),
      deleteUpTo: db.prepare('DELETE FROM article_updates WHERE article_id = ? AND id <= ?'),
      size: db.prepare<[string, string], { n: number | null }>(
        `SELECT (SELECT COALESCE(SUM(LENGTH(data)), 0) FROM article_snapshots WHERE article_id = ?)
              + (SELECT COALESCE(SUM(LENGTH(data)), 0) FROM article_updates WHERE article_id = ?) AS n`,
      ),
    };
    this.appendAll = db.transaction((entries: LogEntry[]) => {
      for (const e of entries) this.statements.insert.run(e.articleId, e.update);
    });
    this.replace = db.transaction((articleId: string, snapshot: Uint8Array, upToId: number) => {
      this.statements.upsertSnapshot.run(articleId, snapshot, new Date().toISOString());
      this.statements.deleteUpTo.run(articleId, upToId);
    });
  }

  async load(articleId: string): Promise<StoredDoc> {
    // One read transaction, so the snapshot and the log are seen at the same moment.
    return this.db.transaction(() => {
      const snapshot = this.statements.snapshot.get(articleId);
      const rows = this.statements.updates.all(articleId);
      return {
        snapshot: snapshot ? new Uint8Array(snapshot.data) : null,
        updates: rows.map((r) => new Uint8Array(r.data)),
        lastUpdateId: rows.length ? rows[rows.length - 1].id : 0,
      };
    })();
  }

  async append(entries: LogEntry[]): Promise<void> {
    if (entries.length) this.appendAll(entries);
  }

  async logLength(articleId: string): Promise<number> {
    return this.statements.count.get(articleId)?.n ?? 0;
  }

  async replaceSnapshot(articleId: string, snapshot: Uint8Array, upToId: number): Promise<void> {
    this.replace(articleId, snapshot, upToId);
    // Hand the pages of the deleted log rows back to the file system.
    this.db.pragma('incremental_vacuum');
  }

  async sizeOf(articleId: string): Promise<number> {
    return this.statements.size.get(articleId, articleId)?.n ?? 0;
  }
}
