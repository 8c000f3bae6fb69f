/** The audit log: every transition, publication and unpublication, with who, when, from, to and note. */
import type { ArticleState } from '../../shared/article';
import type { AuditEntry } from '../../shared/api';
import { colorFor } from '../../shared/people';
import type { SqliteDatabase } from '../store/sqlite';

interface Row {
  id: number;
  article_id: string;
  action: AuditEntry['action'];
  from_state: ArticleState;
  to_state: ArticleState;
  user_id: string | null;
  user_name: string | null;
  note: string | null;
  at: string;
}

const toEntry = (r: Row): AuditEntry => ({
  id: r.id,
  articleId: r.article_id,
  action: r.action,
  from: r.from_state,
  to: r.to_state,
  by: r.user_id ? { id: r.user_id, name: r.user_name ?? '', color: colorFor(r.user_id) } : null,
  note: r.note,
  at: r.at,
});

/** The article_events table. */
export class AuditLog {
  constructor(private readonly db: SqliteDatabase) {}

  /** Records one step (call inside the transaction that made it). */
  record(entry: { articleId: string; action: AuditEntry['action']; from: ArticleState; to: ArticleState; userId: string | null; note: string | null; at: Date }): AuditEntry {
    const { lastInsertRowid } = this.db
      .prepare('INSERT INTO article_events (article_id, action, from_state, to_state, user_id, note, at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(entry.articleId, entry.action, entry.from, entry.to, entry.userId, entry.note, entry.at.toISOString());
    return this.byId(Number(lastInsertRowid))!;
  }

  byId(id: number): AuditEntry | undefined {
    const row = this.db.prepare<[number], Row>('SELECT e.*, u.name AS user_name FROM article_events e LEFT JOIN users u ON u.id = e.user_id WHERE e.id = ?').get(id);
    return row && toEntry(row);
  }

  /** A story's log, oldest first. */
  async forArticle(articleId: string): Promise<AuditEntry[]> {
    return this.db
      .prepare<[string], Row>('SELECT e.*, u.name AS user_name FROM article_events e LEFT JOIN users u ON u.id = e.user_id WHERE e.article_id = ? ORDER BY e.id')
      .all(articleId)
      .map(toEntry);
  }

  /** When the story last entered a state through `action`, if ever. */
  lastAt(articleId: string, action: AuditEntry['action']): string | undefined {
    return this.db.prepare('SELECT at FROM article_events WHERE article_id = ? AND action = ? ORDER BY id DESC LIMIT 1').pluck().get(articleId, action) as string | undefined;
  }
}
