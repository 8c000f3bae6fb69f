/**
 * Published revisions: what readers see, frozen at each publication. A correction adds a revision;
 * nothing here is ever updated in place. Every method is synchronous, so the workflow can call it
 * inside the transaction that changes the article's state.
 */
import type { PublicArticle } from '../../shared/api';
import type { Database, Sql } from '../store/database';

/** One frozen publication of a story. */
export interface PublishedRevision {
  id: number;
  articleId: string;
  /** 1 for the first publication, then one more for each republication. */
  revision: number;
  slug: string;
  headline: string;
  standfirst: string;
  /** The body as sanitised HTML. */
  html: string;
  /** The story as readers and partners get it (the `json` column). */
  article: PublicArticle;
  /** The Yjs state of the doc as published, to restore or compare. */
  snapshot: Uint8Array;
  /** The public correction note that came with this revision, if any. */
  correction: string | null;
  publishedBy: string | null;
  publishedAt: string;
}

/** A revision before it is stored. */
export type NewPublishedRevision = Omit<PublishedRevision, 'id'>;

/** A correction as readers see it. */
export interface Correction {
  note: string;
  at: string;
}

interface Row {
  id: number;
  article_id: string;
  revision: number;
  slug: string;
  headline: string;
  standfirst: string;
  html: string;
  json: string;
  snapshot: Buffer;
  correction: string | null;
  published_by: string | null;
  published_at: string;
}

const fromRow = (r: Row): PublishedRevision => ({
  id: r.id,
  articleId: r.article_id,
  revision: r.revision,
  slug: r.slug,
  headline: r.headline,
  standfirst: r.standfirst,
  html: r.html,
  article: JSON.parse(r.json) as PublicArticle,
  snapshot: new Uint8Array(r.snapshot.buffer, r.snapshot.byteOffset, r.snapshot.byteLength),
  correction: r.correction,
  publishedBy: r.published_by,
  publishedAt: r.published_at,
});

/** The `published_revisions` table. */
export class PublishedStore {
  constructor(private readonly db: Database) {}

  /** Stores a revision; (article, revision) is unique, so a second insert of one number fails. */
  async insert(rev: NewPublishedRevision, on: Sql = this.db): Promise<PublishedRevision> {
    const row = await on.get<{ id: number }>(
      `INSERT INTO published_revisions
         (article_id, revision, slug, headline, standfirst, html, json, snapshot, correction, published_by, published_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
      [
        rev.articleId,
        rev.revision,
        rev.slug,
        rev.headline,
        rev.standfirst,
        rev.html,
        JSON.stringify(rev.article),
        Buffer.from(rev.snapshot.buffer, rev.snapshot.byteOffset, rev.snapshot.byteLength),
        rev.correction,
        rev.publishedBy,
        rev.publishedAt,
      ],
    );
    return { ...rev, id: row!.id };
  }

  /** The newest revision of a story, if it was ever published. */
  async latestForArticle(articleId: string, on: Sql = this.db): Promise<PublishedRevision | undefined> {
    const row = await on.get<Row>('SELECT * FROM published_revisions WHERE article_id = ? ORDER BY revision DESC LIMIT 1', [articleId]);
    return row && fromRow(row);
  }

  /**
   * The newest revision published under a slug. Should a slug ever have served two stories, the
   * story that holds it now wins.
   */
  async latestBySlug(slug: string): Promise<PublishedRevision | undefined> {
    const row = await this.db.get<Row>(
      `SELECT * FROM published_revisions WHERE slug = ?
       ORDER BY (article_id IN (SELECT id FROM articles WHERE slug = ?)) DESC, id DESC LIMIT 1`,
      [slug, slug],
    );
    return row && fromRow(row);
  }

  /** The number the next revision of a story gets: 1 for its first publication. */
  async nextRevision(articleId: string, on: Sql = this.db): Promise<number> {
    return (await on.get<{ n: number }>('SELECT COALESCE(MAX(revision), 0) + 1 AS n FROM published_revisions WHERE article_id = ?', [articleId]))!.n;
  }

  /** A story's public corrections, oldest first. */
  corrections(articleId: string, on: Sql = this.db): Promise<Correction[]> {
    return on.all<Correction>(
      'SELECT correction AS note, published_at AS at FROM published_revisions WHERE article_id = ? AND correction IS NOT NULL ORDER BY revision',
      [articleId],
    );
  }

  /** The newest revision of each story that is published now, most recently published first. */
  async latestPublished(limit: number): Promise<PublishedRevision[]> {
    const rows = await this.db.all<Row>(
      `SELECT r.* FROM published_revisions r JOIN articles a ON a.id = r.article_id
       WHERE a.state = 'published'
         AND r.revision = (SELECT MAX(revision) FROM published_revisions WHERE article_id = r.article_id)
       ORDER BY r.published_at DESC, r.id DESC
       LIMIT ?`,
      [limit],
    );
    return rows.map(fromRow);
  }
}
