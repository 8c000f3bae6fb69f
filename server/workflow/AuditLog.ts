/** The audit log: every transition, publication and unpublication, with who, when, from, to and note. */
import type { ArticleState } from '../../shared/article';
import type { AuditEntry } from '../../shared/api';
import { colorFor } from '../../shared/people';
import type { Database, Sql } from '../store/database';

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
  constructor(private readonly db: Database) {}

  /** Records one step (call inside the transaction that made it). */
  async record(
    entry: { articleId: string; action: AuditEntry['action']; from: ArticleState; to: ArticleState; userId: string | null; note: string | null; at: Date },
    on: Sql = this.db,
  ): Promise<AuditEntry> {
    const { id } = (await on.get<{ id: number }>(
      'INSERT INTO article_events (article_id, action, from_state, to_state, user_id, note, at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id',
      [entry.articleId, entry.action, entry.from, entry.to, entry.userId, entry.note, entry.at.toISOString()],
    ))!;
    return (await this.byId(id, on))!;
  }

  async byId(id: number, on: Sql = this.db): Promise<AuditEntry | undefined> {
    const row = await on.get<Row>('SELECT e.*, u.name AS user_name FROM article_events e LEFT JOIN users u ON u.id = e.user_id WHERE e.id = ?', [id]);
    return row && toEntry(row);
  }

  /** A story's log, oldest first. */
  async forArticle(articleId: string): Promise<AuditEntry[]> {
    return (await this.db.all<Row>('SELECT e.*, u.name AS user_name FROM article_events e LEFT JOIN users u ON u.id = e.user_id WHERE e.article_id = ? ORDER BY e.id', [articleId])).map(
      toEntry,
    );
  }

  /** When the story last entered a state through `action`, if ever. */
  async lastAt(articleId: string, action: AuditEntry['action'], on: Sql = this.db): Promise<string | undefined> {
    return (await on.get<{ at: string }>('SELECT at FROM article_events WHERE article_id = ? AND action = ? ORDER BY id DESC LIMIT 1', [articleId, action]))?.at;
  }
}
