/** The article table: identity, workflow state and the summary the story list shows. */
import { randomUUID } from 'node:crypto';
import type { ArticleState } from '../../shared/article';
import type { SqliteDatabase } from '../store/sqlite';

/** An article row. */
export interface ArticleRecord {
  id: string;
  state: ArticleState;
  headline: string;
  wordCount: number;
  createdBy: { id: string; name: string };
  createdAt: string;
  updatedAt: string;
}

interface Row {
  id: string;
  state: ArticleState;
  headline: string;
  word_count: number;
  created_by: string;
  creator_name: string;
  created_at: string;
  updated_at: string;
}

const fromRow = (r: Row): ArticleRecord => ({
  id: r.id,
  state: r.state,
  headline: r.headline,
  wordCount: r.word_count,
  createdBy: { id: r.created_by, name: r.creator_name },
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const select = `SELECT a.*, u.name AS creator_name FROM articles a JOIN users u ON u.id = a.created_by`;

/** Articles in the embedded database. */
export class ArticleStore {
  constructor(private readonly db: SqliteDatabase) {}

  /** Creates an article and its seed content in one transaction. */
  async create(input: { createdBy: string; headline: string; wordCount: number; seed: Uint8Array }): Promise<ArticleRecord> {
    const id = randomUUID();
    const now = new Date().toISOString();
    this.db.transaction(() => {
      this.db
        .prepare('INSERT INTO articles (id, state, headline, word_count, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(id, 'draft', input.headline, input.wordCount, input.createdBy, now, now);
      this.db.prepare('INSERT INTO article_updates (article_id, data) VALUES (?, ?)').run(id, input.seed);
    })();
    return (await this.byId(id))!;
  }

  async byId(id: string): Promise<ArticleRecord | undefined> {
    const row = this.db.prepare<[string], Row>(`${select} WHERE a.id = ?`).get(id);
    return row && fromRow(row);
  }

  async exists(id: string): Promise<boolean> {
    return this.db.prepare('SELECT 1 FROM articles WHERE id = ?').pluck().get(id) !== undefined;
  }

  /** Every article, most recently changed first. */
  async list(): Promise<ArticleRecord[]> {
    return this.db.prepare<[], Row>(`${select} ORDER BY a.updated_at DESC`).all().map(fromRow);
  }

  /** Records what the story list shows after the doc changed. */
  async touch(id: string, summary: { headline: string; wordCount: number }, at = new Date()): Promise<void> {
    this.db
      .prepare('UPDATE articles SET headline = ?, word_count = ?, updated_at = ? WHERE id = ?')
      .run(summary.headline, summary.wordCount, at.toISOString(), id);
  }
}
