/** The suggestion ledger on both engines, and the recorder that spares it repeated sightings. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Engines, openEngine } from '../../test/helpers/databases';
import { ArticleStore } from '../articles/ArticleStore';
import { UserStore } from '../auth/users';
import type { Database } from '../store/database';
import { migrations } from '../store/migrations';
import { SuggestionLedger } from './SuggestionLedger';
import { SuggestionRecorder } from './SuggestionRecorder';

const idA = '0b7e6a52-3c1f-4d7e-9a51-2f8c4e6b1d01';
const idB = '5d2c9e17-8a43-4b6f-b0c2-7e1f3a9d5c02';

describe.each(Engines)('the suggestion ledger on %s', (engine) => {
  let db: Database;
  let close: () => Promise<void>;
  let ledger: SuggestionLedger;
  let articles: ArticleStore;
  let rosa: string;
  let tom: string;

  beforeAll(async () => {
    ({ db, close } = await openEngine(engine));
    const users = new UserStore(db);
    rosa = (await users.add({ email: 'rosa@galley.test', name: 'Rosa Okafor', role: 'writer', password: 'correct horse battery' })).id;
    tom = (await users.add({ email: 'tom@galley.test', name: 'Tom Lindqvist', role: 'writer', password: 'correct horse battery' })).id;
    articles = new ArticleStore(db);
    ledger = new SuggestionLedger(db);
  });
  afterAll(() => close());

  async function newArticle(): Promise<string> {
    const doc = new Y.Doc();
    doc.getXmlFragment('body').insert(0, [new Y.XmlElement('paragraph')]);
    return (await articles.create({ createdBy: rosa, headline: 'h', wordCount: 0, seed: Y.encodeStateAsUpdate(doc) })).id;
  }

  it('keeps one record per story and id, with its first author and time; the same id in another story is recorded there', async () => {
    const first = await newArticle();
    const second = await newArticle();
    const t1 = new Date('2025-10-14T08:00:00.000Z');
    const t2 = new Date('2025-10-14T09:00:00.000Z');
    await ledger.record(first, [{ id: idA, author: rosa }], t1);
    await ledger.record(first, [{ id: idA, author: tom }], t2);
    await ledger.record(second, [{ id: idA, author: tom }], t2);
    expect(await ledger.forArticle(first)).toEqual([{ id: idA, author: { id: rosa, name: 'Rosa Okafor' }, createdAt: t1.toISOString() }]);
    expect(await ledger.forArticle(second)).toEqual([{ id: idA, author: { id: tom, name: 'Tom Lindqvist' }, createdAt: t2.toISOString() }]);
  });

  it('keeps the suggestions recorded before migration 8 rekeyed the table', async () => {
    const story = await newArticle();
    const statements = (version: number) =>
      migrations
        .find((m) => m.version === version)!
        .sql.split(';')
        .map((s) => s.trim())
        .filter(Boolean);
    // Back to the table as migration 5 made it, with a row in it.
    await db.run('DROP TABLE suggestions');
    for (const sql of statements(5)) await db.run(sql);
    await db.run('INSERT INTO suggestions (id, article_id, author_id, created_at) VALUES (?, ?, ?, ?)', [idB, story, rosa, '2025-10-14T07:00:00.000Z']);
    for (const sql of statements(8)) await db.run(sql);
    expect(await ledger.forArticle(story)).toEqual([{ id: idB, author: { id: rosa, name: 'Rosa Okafor' }, createdAt: '2025-10-14T07:00:00.000Z' }]);
  });
});

describe('SuggestionRecorder', () => {
  /** A ledger that keeps the calls it gets, and fails when told to. */
  function fakeLedger() {
    const calls: { articleId: string; ids: string[] }[] = [];
    let failing = false;
    return {
      calls,
      fail: (on: boolean) => (failing = on),
      record: async (articleId: string, suggestions: { id: string; author: string }[]) => {
        calls.push({ articleId, ids: suggestions.map((s) => s.id) });
        if (failing) throw new Error('the database is away');
      },
    };
  }

  it('sends each suggestion of a story once, however often an update reports it', async () => {
    const ledger = fakeLedger();
    const recorder = new SuggestionRecorder(ledger);
    await recorder.record('story-1', [{ id: idA, author: 'rosa' }]);
    await recorder.record('story-1', [{ id: idA, author: 'rosa' }]);
    await recorder.record('story-1', [
      { id: idA, author: 'rosa' },
      { id: idB, author: 'rosa' },
    ]);
    await recorder.record('story-2', [{ id: idA, author: 'tom' }]);
    expect(ledger.calls).toEqual([
      { articleId: 'story-1', ids: [idA] },
      { articleId: 'story-1', ids: [idB] },
      { articleId: 'story-2', ids: [idA] },
    ]);
  });

  it('tries a failed write again at the next sighting', async () => {
    const ledger = fakeLedger();
    const recorder = new SuggestionRecorder(ledger);
    ledger.fail(true);
    await expect(recorder.record('story-1', [{ id: idA, author: 'rosa' }])).rejects.toThrow('away');
    ledger.fail(false);
    await recorder.record('story-1', [{ id: idA, author: 'rosa' }]);
    await recorder.record('story-1', [{ id: idA, author: 'rosa' }]);
    expect(ledger.calls).toHaveLength(2);
  });

  it('forgets the stories least recently written in beyond its bound', async () => {
    const ledger = fakeLedger();
    const recorder = new SuggestionRecorder(ledger, 2);
    await recorder.record('story-1', [{ id: idA, author: 'rosa' }]);
    await recorder.record('story-2', [{ id: idA, author: 'rosa' }]);
    await recorder.record('story-1', [{ id: idA, author: 'rosa' }]);
    await recorder.record('story-3', [{ id: idA, author: 'rosa' }]);
    // Story 2 was the least recently written in: its id is sent again, story 1's is not.
    await recorder.record('story-1', [{ id: idA, author: 'rosa' }]);
    await recorder.record('story-2', [{ id: idA, author: 'rosa' }]);
    expect(ledger.calls.map((c) => c.articleId)).toEqual(['story-1', 'story-2', 'story-3', 'story-2']);
  });
});
