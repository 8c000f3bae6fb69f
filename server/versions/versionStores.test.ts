/** The versions' tables on both engines: who wrote and deleted what, and versions by kind and by step. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Engines, openEngine } from '../../test/helpers/databases';
import { ArticleStore } from '../articles/ArticleStore';
import { UserStore } from '../auth/users';
import type { Database } from '../store/database';
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
