/** The article table and its bylines: identity, workflow state, owned fields and the list summary. */
import { randomUUID } from 'node:crypto';
import * as Y from 'yjs';
import type { ArticleState } from '../../shared/article';
import type { Database, Sql } from '../store/database';

/** A person on a byline. */
export interface Byline {
  id: string;
  name: string;
}

/** An article row with its bylines. */
export interface ArticleRecord {
  id: string;
  state: ArticleState;
  headline: string;
  wordCount: number;
  desk: string;
  slug: string | null;
  deadline: string | null;
  scheduledAt: string | null;
  spikedFrom: ArticleState | null;
  firstPublishedAt: string | null;
  publishedAt: string | null;
  createdBy: Byline;
  authors: Byline[];
  createdAt: string;
  updatedAt: string;
}

interface Row {
  id: string;
  state: ArticleState;
  headline: string;
  word_count: number;
  desk: string;
  slug: string | null;
  deadline: string | null;
  scheduled_at: string | null;
  spiked_from: ArticleState | null;
  first_published_at: string | null;
  published_at: string | null;
  created_by: string;
  creator_name: string;
  created_at: string;
  updated_at: string;
}

/** The columns a workflow step may change. */
export interface StateChange {
  state: ArticleState;
  scheduledAt?: string | null;
  spikedFrom?: ArticleState | null;
  slug?: string | null;
  firstPublishedAt?: string | null;
  publishedAt?: string | null;
}

const select = `SELECT a.*, u.name AS creator_name FROM articles a JOIN users u ON u.id = a.created_by`;

/** Articles in the database. */
export class ArticleStore {
  constructor(private readonly db: Database) {}

  /** Runs `fn` in one transaction (several tables, one commit). */
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
    return this.db.transaction(fn);
  }

  /** Creates an article, its first byline and its seed content in one transaction. */
  async create(input: { createdBy: string; headline: string; wordCount: number; seed: Uint8Array; desk?: string }): Promise<ArticleRecord> {
    const id = randomUUID();
    const now = new Date().toISOString();
    await this.transaction(async (tx) => {
      await tx.run('INSERT INTO articles (id, state, headline, word_count, desk, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [
        id,
        'draft',
        input.headline,
        input.wordCount,
        input.desk ?? '',
        input.createdBy,
        now,
        now,
      ]);
      await tx.run('INSERT INTO article_authors (article_id, user_id, position, added_by, added_at) VALUES (?, ?, 0, ?, ?)', [id, input.createdBy, input.createdBy, now]);
      // The seed is the first row of the story's log. On SQLite a story numbers its own rows (migration 11).
      if (this.db.engine === 'sqlite') await tx.run('INSERT INTO article_updates (article_id, id, data) VALUES (?, 1, ?)', [id, input.seed]);
      else await tx.run('INSERT INTO article_updates (article_id, data) VALUES (?, ?)', [id, input.seed]);
      // The seed is the creator's text: versions attribute it to them (server/versions).
      for (const client of Y.parseUpdateMeta(input.seed).from.keys()) {
        await tx.run('INSERT INTO article_clients (article_id, client_id, user_id, first_seen_at) VALUES (?, ?, ?, ?)', [id, client, input.createdBy, now]);
      }
    });
    return (await this.byId(id))!;
  }

  async byId(id: string, on: Sql = this.db): Promise<ArticleRecord | undefined> {
    const row = await on.get<Row>(`${select} WHERE a.id = ?`, [id]);
    return row && (await this.withAuthors([row], on))[0];
  }

  async bySlug(slug: string): Promise<ArticleRecord | undefined> {
    const row = await this.db.get<Row>(`${select} WHERE a.slug = ?`, [slug]);
    return row && (await this.withAuthors([row]))[0];
  }

  async exists(id: string): Promise<boolean> {
    return (await this.db.get('SELECT 1 FROM articles WHERE id = ?', [id])) !== undefined;
  }

  /** Every article, most recently changed first. */
  async list(): Promise<ArticleRecord[]> {
    return this.withAuthors(await this.db.all<Row>(`${select} ORDER BY a.updated_at DESC`));
  }

  /** Scheduled articles whose time has come. */
  async dueForPublication(now: Date): Promise<ArticleRecord[]> {
    const rows = await this.db.all<Row>(`${select} WHERE a.state = 'scheduled' AND a.scheduled_at <= ? ORDER BY a.scheduled_at`, [now.toISOString()]);
    return this.withAuthors(rows);
  }

  /** The next scheduled publication time, if any. */
  async nextScheduled(): Promise<string | undefined> {
    return (await this.db.get<{ at: string | null }>("SELECT MIN(scheduled_at) AS at FROM articles WHERE state = 'scheduled'"))?.at ?? undefined;
  }

  /** Records what the story list shows after the doc changed. */
  async touch(id: string, summary: { headline: string; wordCount: number; desk: string }, at = new Date()): Promise<void> {
    await this.db.run('UPDATE articles SET headline = ?, word_count = ?, desk = ?, updated_at = ? WHERE id = ?', [
      summary.headline,
      summary.wordCount,
      summary.desk,
      at.toISOString(),
      id,
    ]);
  }

  /**
   * Applies a workflow step's column changes. A step passes its transaction and the state it moves
   * from: nothing changes, and the answer is false, when another request or instance moved it first.
   */
  async applyStateChange(id: string, change: StateChange, at: Date, step?: { on: Sql; from: ArticleState }): Promise<boolean> {
    const sets: string[] = ['state = ?', 'updated_at = ?'];
    const params: unknown[] = [change.state, at.toISOString()];
    const columns = { scheduledAt: 'scheduled_at', spikedFrom: 'spiked_from', slug: 'slug', firstPublishedAt: 'first_published_at', publishedAt: 'published_at' } as const;
    for (const [key, column] of Object.entries(columns) as [keyof typeof columns, string][]) {
      if (change[key] === undefined) continue;
      sets.push(`${column} = ?`);
      params.push(change[key]);
    }
    if (!step) return (await this.db.run(`UPDATE articles SET ${sets.join(', ')} WHERE id = ?`, [...params, id])) === 1;
    return (await step.on.run(`UPDATE articles SET ${sets.join(', ')} WHERE id = ? AND state = ?`, [...params, id, step.from])) === 1;
  }

  /** Whether a user is on an article's byline. */
  async isAuthor(articleId: string, userId: string): Promise<boolean> {
    return (await this.db.get('SELECT 1 FROM article_authors WHERE article_id = ? AND user_id = ?', [articleId, userId])) !== undefined;
  }

  /** Adds a co-author at the end of the byline (no-op if already there). */
  async addAuthor(articleId: string, userId: string, addedBy: string): Promise<void> {
    await this.db.run(
      `INSERT INTO article_authors (article_id, user_id, position, added_by, added_at)
       VALUES (?, ?, (SELECT COALESCE(MAX(position), -1) + 1 FROM article_authors WHERE article_id = ?), ?, ?)
       ON CONFLICT DO NOTHING`,
      [articleId, userId, articleId, addedBy, new Date().toISOString()],
    );
  }

  /** Removes a co-author from the byline. */
  async removeAuthor(articleId: string, userId: string): Promise<void> {
    await this.db.run('DELETE FROM article_authors WHERE article_id = ? AND user_id = ?', [articleId, userId]);
  }

  /** Whether a slug is taken by another article. */
  async slugTaken(slug: string, exceptId?: string): Promise<boolean> {
    return (await this.db.get('SELECT 1 FROM articles WHERE slug = ? AND id IS DISTINCT FROM ?', [slug, exceptId ?? null])) !== undefined;
  }

  /** Sets the owned fields that are editable over REST. */
  async updateOwned(id: string, fields: { slug?: string | null; deadline?: string | null }): Promise<void> {
    if (fields.slug !== undefined) await this.db.run('UPDATE articles SET slug = ? WHERE id = ?', [fields.slug, id]);
    if (fields.deadline !== undefined) await this.db.run('UPDATE articles SET deadline = ? WHERE id = ?', [fields.deadline, id]);
  }

  private async withAuthors(rows: Row[], on: Sql = this.db): Promise<ArticleRecord[]> {
    if (!rows.length) return [];
    const ids = rows.map((r) => r.id);
    const bylines = await on.all<{ article_id: string; id: string; name: string }>(
      `SELECT aa.article_id, u.id, u.name FROM article_authors aa JOIN users u ON u.id = aa.user_id
       WHERE aa.article_id IN (${ids.map(() => '?').join(',')}) ORDER BY aa.article_id, aa.position`,
      ids,
    );
    const byArticle = new Map<string, Byline[]>();
    for (const b of bylines) {
      const list = byArticle.get(b.article_id) ?? [];
      list.push({ id: b.id, name: b.name });
      byArticle.set(b.article_id, list);
    }
    return rows.map((r) => ({
      id: r.id,
      state: r.state,
      headline: r.headline,
      wordCount: r.word_count,
      desk: r.desk,
      slug: r.slug,
      deadline: r.deadline,
      scheduledAt: r.scheduled_at,
      spikedFrom: r.spiked_from,
      firstPublishedAt: r.first_published_at,
      publishedAt: r.published_at,
      createdBy: { id: r.created_by, name: r.creator_name },
      authors: byArticle.get(r.id) ?? [],
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    }));
  }
}
