/**
 * What one append to the update log costs on each engine: the collab journal's write path, measured
 * at the `DocStore` with nothing else running. Each engine gets a fresh database (a SQLite file in a
 * temporary directory; a new PostgreSQL database, dropped afterwards), a writer and one story per
 * batch size. The updates are made beforehand by typing into the story's body one character at a
 * time, as an editor does; they are then appended one batch after another, as the journal does,
 * timing each `append` call. A batch of 1 is a quiet newsroom; 10 is what one event-loop turn gathers
 * under load.
 *
 *   npx tsx bench/append.ts [--updates 2000] [--batches 1,10] [--engines sqlite,postgres]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import * as Y from 'yjs';
import { ArticleStore } from '../server/articles/ArticleStore';
import { paragraphs, seedUpdate } from '../server/articles/seed';
import { UserStore } from '../server/auth/users';
import type { Database } from '../server/store/database';
import type { DocStore } from '../server/store/DocStore';
import { openDatabase } from '../server/store/open';
import { freshPostgres } from '../test/helpers/postgres';
import { describeMachine } from './harness/report/machine';
import { percentile } from './harness/stats';

const Engines = ['sqlite', 'postgres'] as const;
type Engine = (typeof Engines)[number];

const { values } = parseArgs({
  options: {
    updates: { type: 'string', default: '2000' },
    batches: { type: 'string', default: '1,10' },
    engines: { type: 'string', default: Engines.join(',') },
    warmup: { type: 'string', default: '200' },
  },
});
const updates = Number(values.updates);
const warmup = Number(values.warmup);
const batches = values.batches.split(',').map(Number);
const engines = values.engines.split(',').map((e) => e.trim()) as Engine[];
for (const e of engines) if (!Engines.includes(e)) throw new Error(`unknown engine "${e}": choose from ${Engines.join(', ')}`);
if (!(updates > 0) || batches.some((b) => !(b > 0))) throw new Error('--updates and --batches must be positive numbers');

const log = (message: string) => process.stderr.write(`${message}\n`);
const opening = 'The council met on Tuesday evening. ';
const typed = 'Councillors voted to keep the library open on Sundays, after a petition signed by two thousand readers. ';

/** A fresh database of the engine, its doc store, and how to get rid of it. */
async function openFresh(engine: Engine): Promise<{ db: Database; docs: DocStore; dispose: () => Promise<void> }> {
  if (engine === 'sqlite') {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'galley-append-'));
    const { db, docs } = await openDatabase({ dataDir });
    return { db, docs, dispose: async () => fs.rmSync(dataDir, { recursive: true, force: true }) };
  }
  const { url, drop } = await freshPostgres();
  const { db, docs } = await openDatabase({ databaseUrl: url, dataDir: os.tmpdir() });
  return { db, docs, dispose: drop };
}

/**
 * `count` single updates typed into the body's first paragraph after `seed`, one character each, at the caret.
 * (From bench/ `yjs` is the benchmark package's copy and the server has its own, hence Yjs's warning that
 * it was imported twice: only encoded updates pass between the two, which is safe.)
 */
function typingUpdates(seed: Uint8Array, count: number): Uint8Array[] {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, seed);
  const paragraph = doc.getXmlFragment('body').get(0) as Y.XmlElement;
  const text = paragraph.get(0) as Y.XmlText;
  const out: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => out.push(update));
  for (let i = 0; out.length < count; i++) text.insert(text.length, typed[i % typed.length]);
  doc.destroy();
  return out;
}

interface Row {
  engine: Engine;
  batch: number;
  appends: number;
  p50: number;
  p99: number;
  p999: number;
  updatesPerSecond: number;
}

/** Appends `list` in batches of `batch`, one after another; times each call. */
async function appendAll(docs: DocStore, articleId: string, list: Uint8Array[], batch: number): Promise<{ times: Float64Array; seconds: number }> {
  const times = new Float64Array(Math.ceil(list.length / batch));
  const began = performance.now();
  for (let i = 0, n = 0; i < list.length; i += batch, n++) {
    const entries = list.slice(i, i + batch).map((update) => ({ articleId, update }));
    const t0 = performance.now();
    await docs.append(entries);
    times[n] = performance.now() - t0;
  }
  return { times, seconds: (performance.now() - began) / 1000 };
}

/** What the engine promises on commit: the settings the figures depend on. */
async function durability(engine: Engine, db: Database): Promise<string> {
  if (engine === 'sqlite') return `SQLite: journal_mode=${(await db.get<{ journal_mode: string }>('PRAGMA journal_mode'))?.journal_mode}, synchronous=${(await db.get<{ synchronous: number }>('PRAGMA synchronous'))?.synchronous} (1 = NORMAL)`;
  const setting = async (name: string) => (await db.get<Record<string, string>>(`SHOW ${name}`))?.[name];
  return `PostgreSQL ${await setting('server_version')}: synchronous_commit=${await setting('synchronous_commit')}, fsync=${await setting('fsync')}`;
}

const settings: string[] = [];

async function measure(engine: Engine): Promise<Row[]> {
  const { db, docs, dispose } = await openFresh(engine);
  try {
    settings.push(await durability(engine, db));
    const writer = await new UserStore(db).add({ email: 'append@galley.test', name: 'Append Bench', role: 'writer', password: 'append benchmark password' });
    const articles = new ArticleStore(db);
    const newStory = async (headline: string) => {
      const seed = seedUpdate({ headline, body: paragraphs(opening) });
      return { id: (await articles.create({ createdBy: writer.id, headline, wordCount: 6, seed })).id, seed };
    };
    // A first story takes the statement preparation, the pool's connections and the cold pages.
    const warm = await newStory('Warm-up');
    await appendAll(docs, warm.id, typingUpdates(warm.seed, warmup), 1);
    const rows: Row[] = [];
    for (const batch of batches) {
      const story = await newStory(`Batches of ${batch}`);
      const list = typingUpdates(story.seed, updates);
      log(`${engine}: appending ${updates.toLocaleString('en-GB')} updates in batches of ${batch}`);
      const { times, seconds } = await appendAll(docs, story.id, list, batch);
      if ((await docs.logLength(story.id)) !== updates + 1) throw new Error(`${engine}: the log does not hold every update appended`);
      times.sort();
      rows.push({ engine, batch, appends: times.length, p50: percentile(times, 0.5), p99: percentile(times, 0.99), p999: percentile(times, 0.999), updatesPerSecond: updates / seconds });
    }
    return rows;
  } finally {
    await db.close();
    await dispose();
  }
}

const machine = describeMachine();
const rows: Row[] = [];
for (const engine of engines) rows.push(...(await measure(engine)));

const f = (ms: number) => ms.toFixed(ms < 1 ? 3 : 2);
const out = [
  `Append to the update log, ${updates.toLocaleString('en-GB')} single-character updates per batch size (after ${warmup} to warm up), one append at a time`,
  '',
  `Machine: ${machine}`,
  '',
  `${settings.join('; ')}.`,
  '',
  '| engine | batch size | appends | p50 (ms) | p99 (ms) | p99.9 (ms) | updates/s |',
  '|---|--:|--:|--:|--:|--:|--:|',
  ...rows.map((r) => `| ${r.engine === 'sqlite' ? 'SQLite' : 'PostgreSQL'} | ${r.batch} | ${r.appends.toLocaleString('en-GB')} | ${f(r.p50)} | ${f(r.p99)} | ${f(r.p999)} | ${Math.round(r.updatesPerSecond).toLocaleString('en-GB')} |`),
];
process.stdout.write(`${out.join('\n')}\n`);
