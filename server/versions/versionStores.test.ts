/** The versions' tables on both engines: who wrote and deleted what, and versions by kind and by step. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Engines, openEngine } from '../../test/helpers/databases';
import { ArticleStore } from '../articles/ArticleStore';
import { UserStore } from '../auth/users';
import type { Database } from '../store/database';
import type { PostgresDatabase } from '../store/postgres';
import { AuditLog } from '../workflow/AuditLog';
import { VersionStore } from '../workflow/VersionStore';
import { createLogger } from '../logger';
import { renderArticle } from '../articles/render';
import { AuthorshipRecorder, AuthorshipStore } from './AuthorshipStore';

describe.each(Engines)('the versions tables on %s', (engine) => {
  let db: Database;
  let close: () => Promise<void>;
  let articles: ArticleStore;
  let reporter: string;
  let desk: string;

  beforeAll(async () => {
    ({ db, close } = await openEngine(engine));
    const users = new UserStore(db);
    articles = new ArticleStore(db);
    reporter = (await users.add({ email: 'rosa@galley.test', name: 'Rosa Okafor', role: 'writer', password: 'correct horse battery' })).id;
    desk = (await users.add({ email: 'ines@galley.test', name: 'Inès Moreau', role: 'copy_editor', password: 'correct horse battery' })).id;
  });
  afterAll(() => close());

  async function newArticle(): Promise<{ id: string; seedClient: number }> {
    const doc = new Y.Doc();
    doc.getXmlFragment('body').insert(0, [new Y.XmlElement('paragraph')]);
    const article = await articles.create({ createdBy: reporter, headline: 'h', wordCount: 0, seed: Y.encodeStateAsUpdate(doc) });
    return { id: article.id, seedClient: doc.clientID };
  }

  it('records the writer of each client once (the first stays) and the deleter of each range, with 32-bit client ids', async () => {
    const { id, seedClient } = await newArticle();
    const store = new AuthorshipStore(db);
    const big = 4_000_000_000;
    const at = new Date();
    await store.recordMany({
      clients: [big, 7].map((client) => ({ articleId: id, client, userId: desk, at })),
      deletions: [{ client: big, clock: 10, len: 5 }, { client: 7, clock: 0, len: 1 }].map((range) => ({ articleId: id, ...range, userId: desk })),
      at,
    });
    await store.recordMany({ clients: [{ articleId: id, client: big, userId: reporter, at }], deletions: [{ articleId: id, client: big, clock: 20, len: 2, userId: reporter }], at });
    expect(await store.clientOwners(id)).toEqual(new Map([[seedClient, reporter], [big, desk], [7, desk]]));
    const index = await store.forArticle(id);
    expect(index.writer(seedClient)?.id).toBe(reporter);
    expect(index.writer(big)).toMatchObject({ id: desk, name: 'Inès Moreau' });
    expect(index.writer(8)).toBeUndefined();
    expect([9, 10, 14, 15, 20, 21, 22].map((clock) => index.deleter(big, clock)?.id)).toEqual([undefined, desk, desk, undefined, reporter, reporter, undefined]);
    expect(index.deleter(7, 0)?.id).toBe(desk);
  });

  it('writes what the rooms report in batches, and a failed batch is logged, not thrown', async () => {
    const { id } = await newArticle();
    const store = new AuthorshipStore(db);
    const recorder = new AuthorshipRecorder(store, db, createLogger('silent'));
    recorder.record(id, { userId: desk, clients: [42], deletions: [{ client: 42, clock: 0, len: 3 }] });
    recorder.record('no-such-article', { userId: desk, clients: [43], deletions: [] });
    await recorder.settled();
    recorder.record(id, { userId: reporter, clients: [44], deletions: [] });
    await recorder.settled();
    const index = await store.forArticle(id);
    expect(index.writer(44)?.id).toBe(reporter);
    // The first batch held a row for a story that does not exist: none of it was written.
    expect(index.writer(42)).toBeUndefined();
  });

  const count = async (table: 'article_deletions' | 'article_deletion_sets', articleId: string) =>
    Number((await db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table} WHERE article_id = ?`, [articleId]))!.n);

  it('folds a story’s deletion rows into one set per deleter, and credits every id as before, runs after the fold included', async () => {
    const { id } = await newArticle();
    const store = new AuthorshipStore(db);
    const recorder = new AuthorshipRecorder(store, db, createLogger('silent'), 8);
    // The reporter and the desk delete interleaved ranges of one client: 0–1 reporter, 3–4 desk, 6–7 reporter, …
    for (let i = 0; i < 20; i++) recorder.record(id, { userId: i % 2 ? desk : reporter, clients: [], deletions: [{ client: 9, clock: i * 3, len: 2 }] });
    const byClock = (clock: number) => (clock < 60 && clock % 3 < 2 ? (Math.floor(clock / 3) % 2 ? desk : reporter) : undefined);
    const deleters = async (upTo: number) => {
      const index = await store.forArticle(id);
      return Array.from({ length: upTo }, (_, clock) => index.deleter(9, clock)?.id);
    };
    await recorder.settled();
    // Twenty rows passed the threshold of eight: folded, one set for each of the two.
    expect([await count('article_deletions', id), await count('article_deletion_sets', id)]).toEqual([0, 2]);
    expect(await deleters(70)).toEqual(Array.from({ length: 70 }, (_, clock) => byClock(clock)));

    // The reporter's last run (54–55) grows after the fold: its row is rewritten whole, over what
    // was folded. The desk deletes elsewhere. Two rows, below the threshold: not folded yet.
    recorder.record(id, { userId: reporter, clients: [], deletions: [{ client: 9, clock: 56, len: 1 }] });
    recorder.record(id, { userId: desk, clients: [], deletions: [{ client: 9, clock: 100, len: 2 }] });
    await recorder.settled();
    expect(await count('article_deletions', id)).toBe(2);
    const after = (clock: number) => (clock === 56 ? reporter : clock === 100 || clock === 101 ? desk : byClock(clock));
    const want = Array.from({ length: 110 }, (_, clock) => after(clock));
    expect(await deleters(110)).toEqual(want);
    // Folded again, the answers stay.
    expect(await db.transaction((tx) => store.foldDeletions(id, tx))).toBe(2);
    expect([await count('article_deletions', id), await count('article_deletion_sets', id)]).toEqual([0, 2]);
    expect(await deleters(110)).toEqual(want);
  });

  it('folds at boot the stories an older version left with many rows', async () => {
    const { id } = await newArticle();
    const store = new AuthorshipStore(db);
    const at = new Date();
    await store.recordMany({ clients: [], deletions: Array.from({ length: 10 }, (_, i) => ({ articleId: id, client: 5, clock: i * 2, len: 1, userId: desk })), at });
    const { id: few } = await newArticle();
    await store.recordMany({ clients: [], deletions: [{ articleId: few, client: 5, clock: 0, len: 1, userId: desk }], at });
    await new AuthorshipRecorder(store, db, createLogger('silent'), 8).foldBacklog();
    expect([await count('article_deletions', id), await count('article_deletions', few)]).toEqual([0, 1]);
    const index = await store.forArticle(id);
    expect([0, 1, 18, 19].map((clock) => index.deleter(5, clock)?.id)).toEqual([desk, undefined, desk, undefined]);
    expect((await store.forArticle(few)).deleter(5, 0)?.id).toBe(desk);
  });

  it('saves versions by kind, finds one by id, and finds the one a step saved', async () => {
    const { id } = await newArticle();
    const versions = new VersionStore(db);
    const audit = new AuditLog(db);
    const at = new Date('2026-03-02T09:00:00.000Z');
    await db.transaction(async (tx) => {
      await audit.record({ articleId: id, action: 'sign_off', from: 'copy_edit', to: 'approval', userId: desk, note: null, at }, tx);
      await versions.save({ articleId: id, name: 'Signed off by the copy desk', snapshot: new Uint8Array([1, 2, 3]), createdBy: desk, at }, tx);
    });
    // A version saved by hand at the same instant is not the step's.
    const manual = await versions.save({ articleId: id, name: 'Signed off by the copy desk', snapshot: new Uint8Array([9]), createdBy: desk, at, kind: 'manual' });
    const list = await versions.list(id);
    expect(list.map((v) => [v.name, v.kind, v.by?.name])).toEqual([
      ['Signed off by the copy desk', 'transition', 'Inès Moreau'],
      ['Signed off by the copy desk', 'manual', 'Inès Moreau'],
    ]);
    expect([...(await versions.byId(id, manual))!.snapshot]).toEqual([9]);
    expect(await versions.byId(id, 999_999)).toBeUndefined();
    const signOff = await versions.savedAtLast(id, 'sign_off');
    expect(signOff?.id).toBe(list[0].id);
    expect([...signOff!.snapshot]).toEqual([1, 2, 3]);
    expect(await versions.savedAtLast(id, 'publish')).toBeUndefined();
  });

  it('keeps a version’s story rendered as JSON and HTML', async () => {
    const { id } = await newArticle();
    const doc = new Y.Doc();
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText('Night buses divert through the old town.')]);
    doc.getXmlFragment('body').insert(0, [paragraph]);
    const rendered = renderArticle(doc);
    const versions = new VersionStore(db);
    const saved = await versions.save({ articleId: id, name: 'Before the desk', snapshot: Y.encodeStateAsUpdate(doc), rendered, createdBy: reporter, at: new Date(), kind: 'manual' });
    const { html, ...json } = rendered;
    expect(await versions.byId(id, saved)).toMatchObject({ html: '<p>Night buses divert through the old town.</p>', json });
    expect(json.body.content?.[0]?.type).toBe('paragraph');
  });
});

describe('folding deletion rows on PostgreSQL, where another instance writes meanwhile', () => {
  it('folds exactly the rows it took: one committed after the fold began is left for the next fold', async () => {
    const { db, close } = await openEngine('postgres');
    try {
      const desk = (await new UserStore(db).add({ email: 'ines@galley.test', name: 'Inès Moreau', role: 'copy_editor', password: 'correct horse battery' })).id;
      const doc = new Y.Doc();
      doc.getXmlFragment('body').insert(0, [new Y.XmlElement('paragraph')]);
      const id = (await new ArticleStore(db).create({ createdBy: desk, headline: 'h', wordCount: 0, seed: Y.encodeStateAsUpdate(doc) })).id;
      const store = new AuthorshipStore(db);
      await store.recordMany({ clients: [], deletions: [{ articleId: id, client: 3, clock: 0, len: 2, userId: desk }], at: new Date() });
      // The other instance's batch is open while this one folds.
      const other = await (db as PostgresDatabase).pool.connect();
      await other.query('BEGIN');
      await other.query('INSERT INTO article_deletions (article_id, client_id, clock, len, user_id, deleted_at) VALUES ($1, 3, 5, 1, $2, $3)', [id, desk, new Date().toISOString()]);
      expect(await db.transaction((tx) => store.foldDeletions(id, tx))).toBe(1);
      await other.query('COMMIT');
      other.release();
      const index = await store.forArticle(id);
      expect([0, 1, 2, 5].map((clock) => index.deleter(3, clock)?.id)).toEqual([desk, desk, undefined, desk]);
      expect(await db.transaction((tx) => store.foldDeletions(id, tx))).toBe(1);
      expect((await store.forArticle(id)).deleter(3, 5)?.id).toBe(desk);
    } finally {
      await close();
    }
  });
});
