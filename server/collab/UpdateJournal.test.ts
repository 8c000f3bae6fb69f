/**
 * The journal on both engines: what arrives together is stored in one transaction, what arrives
 * while a batch is written goes into the next, the log keeps the order of arrival, and a batch the
 * store refuses fails only its own callers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Engines, openEngine } from '../../test/helpers/databases';
import { ArticleStore } from '../articles/ArticleStore';
import { UserStore } from '../auth/users';
import type { DocStore, LogEntry } from '../store/DocStore';
import { UpdateJournal } from './UpdateJournal';

describe.each(Engines)('the update journal on %s', (engine) => {
  let docs: DocStore;
  let close: () => Promise<void>;
  let articles: ArticleStore;
  let userId: string;

  beforeAll(async () => {
    let db;
    ({ db, docs, close } = await openEngine(engine));
    articles = new ArticleStore(db);
    userId = (await new UserStore(db).add({ email: 'desk@galley.test', name: 'Desk', role: 'writer', password: 'correct horse battery' })).id;
  });
  afterAll(() => close());

  async function newStory(): Promise<string> {
    return (await articles.create({ createdBy: userId, headline: 'h', wordCount: 0, seed: Y.encodeStateAsUpdate(new Y.Doc()) })).id;
  }

  /** The real store, with each batch it is given written down. */
  function recording(): { store: DocStore; batches: LogEntry[][] } {
    const batches: LogEntry[][] = [];
    const store: DocStore = Object.create(docs);
    store.append = (entries) => {
      batches.push(entries);
      return docs.append(entries);
    };
    return { store, batches };
  }

  const update = (n: number) => Uint8Array.from([n]);
  /** The story's log after its seed row. */
  const logOf = async (id: string) => (await docs.load(id)).updates.slice(1).map((u) => u[0]);

  it('stores what arrives together in one batch, and settles each append once it is stored', async () => {
    const story = await newStory();
    const { store, batches } = recording();
    const journal = new UpdateJournal(store);
    const stored = [1, 2, 3].map((n) => journal.append(story, update(n)));
    expect(batches).toHaveLength(0);
    await Promise.all(stored);
    expect(batches.map((b) => b.length)).toEqual([3]);
    expect(await logOf(story)).toEqual([1, 2, 3]);
  });

  it('puts what arrives while a batch is written into the next one, in order', async () => {
    const story = await newStory();
    const { store, batches } = recording();
    const journal = new UpdateJournal(store);
    const first = journal.append(story, update(1));
    // The first batch is on its way once this run ends; the next three arrive while it is written.
    await new Promise<void>((resolve) => process.nextTick(resolve));
    const rest = [2, 3, 4].map((n) => journal.append(story, update(n)));
    await Promise.all([first, ...rest]);
    expect(batches.map((b) => b.map((e) => e.update[0]))).toEqual([[1], [2, 3, 4]]);
    expect(await logOf(story)).toEqual([1, 2, 3, 4]);
  });

  it('drains everything queued so far, however it was scheduled', async () => {
    const story = await newStory();
    const journal = new UpdateJournal(docs);
    for (let n = 1; n <= 5; n++) void journal.append(story, update(n));
    await journal.drain();
    expect(await logOf(story)).toEqual([1, 2, 3, 4, 5]);
    await journal.drain();
  });

  it('fails only the batch the store refused, and goes on with the next', async () => {
    const story = await newStory();
    const journal = new UpdateJournal(docs);
    const refused = journal.append('no-such-story', update(9));
    await expect(refused).rejects.toThrow();
    await journal.append(story, update(1));
    expect(await logOf(story)).toEqual([1]);
  });
});
