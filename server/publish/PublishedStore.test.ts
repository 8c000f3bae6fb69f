import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PublicArticle } from '../../shared/api';
import { ArticleStore } from '../articles/ArticleStore';
import { openSqlite, type SqliteDatabase } from '../store/sqlite';
import { PublishedStore, type NewPublishedRevision } from './PublishedStore';

let dir: string;
let db: SqliteDatabase;
let articles: ArticleStore;
let published: PublishedStore;
let userId: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'galley-published-'));
  db = openSqlite(dir);
  articles = new ArticleStore(db);
  published = new PublishedStore(db);
  userId = 'user-1';
  db.prepare("INSERT INTO users (id, email, name, role, password_hash, created_at) VALUES (?, 'desk@galley.test', 'Desk', 'publisher', 'x', ?)").run(userId, new Date().toISOString());
});
afterAll(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function newArticle(): Promise<string> {
  return (await articles.create({ createdBy: userId, headline: 'h', wordCount: 0, seed: new Uint8Array([0, 0]) })).id;
}

function revision(articleId: string, n: number, over: Partial<NewPublishedRevision> = {}): NewPublishedRevision {
  const slug = over.slug ?? `story-${articleId.slice(0, 8)}`;
  const at = over.publishedAt ?? new Date(Date.UTC(2025, 9, 14, 8, n)).toISOString();
  return {
    articleId,
    revision: n,
    slug,
    headline: `Headline ${n}`,
    standfirst: `Standfirst ${n}`,
    html: `<p>Body ${n}</p>`,
    article: { id: articleId, slug, revision: n, headline: `Headline ${n}` } as PublicArticle,
    snapshot: new Uint8Array([n, 1, 2]),
    correction: null,
    publishedBy: userId,
    publishedAt: at,
    ...over,
  };
}

function publish(articleId: string, rev: NewPublishedRevision) {
  return articles.transaction(() => {
    const stored = published.insert(rev);
    articles.applyStateChange(articleId, { state: 'published', slug: rev.slug, publishedAt: rev.publishedAt }, new Date(rev.publishedAt));
    return stored;
  });
}

describe('PublishedStore', () => {
  it('numbers revisions from 1 and reads back exactly what it stored', async () => {
    const id = await newArticle();
    expect(published.nextRevision(id)).toBe(1);
    expect(published.latestForArticle(id)).toBeUndefined();
    const stored = publish(id, revision(id, 1));
    expect(stored.id).toBeGreaterThan(0);
    expect(published.nextRevision(id)).toBe(2);
    const latest = published.latestForArticle(id)!;
    expect(latest).toEqual(stored);
    expect(latest.snapshot).toBeInstanceOf(Uint8Array);
    expect(Array.from(latest.snapshot)).toEqual([1, 1, 2]);
    expect(latest.article.headline).toBe('Headline 1');
  });

  it('refuses a second revision with the same number', async () => {
    const id = await newArticle();
    publish(id, revision(id, 1));
    expect(() => published.insert(revision(id, 1))).toThrow(/UNIQUE/);
  });

  it('finds the newest revision by slug and lists corrections oldest first', async () => {
    const id = await newArticle();
    publish(id, revision(id, 1));
    publish(id, revision(id, 2, { correction: 'First fix.' }));
    publish(id, revision(id, 3));
    publish(id, revision(id, 4, { correction: 'Second fix.' }));
    const slug = `story-${id.slice(0, 8)}`;
    expect(published.latestBySlug(slug)?.revision).toBe(4);
    expect(published.latestBySlug('no-such-story')).toBeUndefined();
    expect(published.corrections(id)).toEqual([
      { note: 'First fix.', at: revision(id, 2).publishedAt },
      { note: 'Second fix.', at: revision(id, 4).publishedAt },
    ]);
  });

  it('lists the latest revision of each published story, newest first, and leaves out unpublished ones', async () => {
    const [a, b, c] = [await newArticle(), await newArticle(), await newArticle()];
    publish(a, revision(a, 1, { publishedAt: '2030-01-01T10:00:00.000Z' }));
    publish(b, revision(b, 1, { publishedAt: '2030-01-01T11:00:00.000Z' }));
    publish(a, revision(a, 2, { publishedAt: '2030-01-01T12:00:00.000Z' }));
    publish(c, revision(c, 1, { publishedAt: '2030-01-01T13:00:00.000Z' }));
    articles.transaction(() => articles.applyStateChange(c, { state: 'unpublished' }, new Date()));
    const latest = published.latestPublished(2);
    expect(latest.map((r) => [r.articleId, r.revision])).toEqual([
      [a, 2],
      [b, 1],
    ]);
    expect(published.latestPublished(100).some((r) => r.articleId === c)).toBe(false);
  });
});
