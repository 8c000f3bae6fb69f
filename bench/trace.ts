/**
 * The 260k-keystroke trace (automerge-paper) typed into one story through a real client, then:
 * how fast the server took it, how long a fresh client needs to open the story with the log as it
 * is and after compaction, and how many bytes the story occupies against Y.encodeStateAsUpdate.
 *
 *   npx tsx bench/trace.ts [--edits N]
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import zlib from 'node:zlib';
import * as Y from 'yjs';
import type { ArticleDetail } from '../shared/api';
import { compactArticle } from '../server/collab/compaction';
import { SqliteDocStore } from '../server/store/SqliteDocStore';
import { openSqlite } from '../server/store/sqlite';
import { UserStore } from '../server/auth/users';
import { api, signIn, spawnGalley, tempDataDir, type GalleyProcess } from '../test/helpers/galley';
import { connectEditor, firstParagraphText } from '../test/helpers/editor';

interface Trace {
  endContent: string;
  txns: { patches: [number, number, string][] }[];
}

const { values } = parseArgs({ options: { edits: { type: 'string' } } });
const tracePath = path.resolve(import.meta.dirname, '../../shared/traces/automerge-paper.json.gz');
const trace = JSON.parse(zlib.gunzipSync(fs.readFileSync(tracePath)).toString('utf8')) as Trace;
const patches = trace.txns.flatMap((t) => t.patches).slice(0, values.edits ? Number(values.edits) : undefined);
const expected = (() => {
  const chars: string[] = [];
  for (const [pos, del, ins] of patches) chars.splice(pos, del, ...ins);
  return chars.join('');
})();

const login = { email: 'bench@galley.test', password: 'benchmark password' };
const dataDir = tempDataDir();
{
  const db = openSqlite(dataDir);
  await new UserStore(db).add({ ...login, name: 'Bench', role: 'writer' });
  await db.close();
}
const noCompaction = { GALLEY_COMPACT_AFTER: String(10 ** 9) };

async function stop(server: GalleyProcess): Promise<void> {
  server.child.kill('SIGTERM');
  await server.exited;
}

async function timeFreshSync(articleId: string): Promise<number> {
  const server = await spawnGalley(dataDir, noCompaction);
  const cookie = await signIn(server.url, login);
  const started = performance.now();
  const reader = connectEditor(server.url, articleId, cookie);
  await reader.synced;
  const ms = performance.now() - started;
  const text = firstParagraphText(reader.doc, 'body').toString();
  if (text !== expected) throw new Error(`the reopened story is incomplete: ${text.length} of ${expected.length} characters`);
  reader.destroy();
  await stop(server);
  return ms;
}

// 1. Type the trace, one update per keystroke, through a real y-websocket client.
let server = await spawnGalley(dataDir, noCompaction);
let cookie = await signIn(server.url, login);
const { body: article } = await api<ArticleDetail>(server.url, cookie, 'POST', '/api/articles', { headline: 'Trace' });
const typist = connectEditor(server.url, article.id, cookie);
await typist.synced;
const text = firstParagraphText(typist.doc, 'body');
const started = performance.now();
for (let i = 0; i < patches.length; i++) {
  const [pos, del, ins] = patches[i];
  typist.doc.transact(() => {
    if (del) text.delete(pos, del);
    if (ins) text.insert(pos, ins);
  });
  if (i % 20_000 === 0) process.stderr.write(`typed ${i.toLocaleString()} of ${patches.length.toLocaleString()} edits\n`);
  // Let the socket drain now and then, as a person typing would.
  if (i % 2_000 === 0) await new Promise((r) => setImmediate(r));
}
// A sync round trip is answered only once everything sent before it is stored.
typist.provider.synced = false;
typist.provider.ws?.send(Uint8Array.from([0, 0, ...lengthPrefixed(Y.encodeStateVector(typist.doc))]));
await new Promise<void>((r) => typist.provider.once('sync', () => r()));
const ingestMs = performance.now() - started;
const stateBytes = Y.encodeStateAsUpdate(typist.doc).byteLength;
typist.destroy();
await stop(server);

function lengthPrefixed(bytes: Uint8Array): number[] {
  const out: number[] = [];
  let n = bytes.length;
  while (n > 0x7f) {
    out.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  out.push(n);
  return [...out, ...bytes];
}

// 2. Open it fresh with the whole log, compact, and open it again.
const db = openSqlite(dataDir);
const store = new SqliteDocStore(db);
const logRows = await store.logLength(article.id);
const bytesBefore = await store.sizeOf(article.id);
await db.close();
const syncBeforeMs = await timeFreshSync(article.id);

const db2 = openSqlite(dataDir);
const store2 = new SqliteDocStore(db2);
const compaction = await compactArticle(store2, article.id);
const bytesAfter = await store2.sizeOf(article.id);
await db2.close();
const syncAfterMs = await timeFreshSync(article.id);

const kb = (n: number) => `${(n / 1024).toFixed(0)} KiB`;
console.log(`
edits typed:                     ${patches.length.toLocaleString()} (final text ${expected.length.toLocaleString()} characters)
ingest (typed → all stored):     ${(ingestMs / 1000).toFixed(1)} s, ${Math.round(patches.length / (ingestMs / 1000)).toLocaleString()} updates/s
log rows before compaction:      ${logRows.toLocaleString()}
fresh client sync, full log:     ${syncBeforeMs.toFixed(0)} ms
compaction:                      ${compaction.ms.toFixed(0)} ms (${compaction.merged.toLocaleString()} updates merged)
fresh client sync, compacted:    ${syncAfterMs.toFixed(0)} ms
bytes in store, full log:        ${kb(bytesBefore)}
bytes in store, compacted:       ${kb(bytesAfter)}
Y.encodeStateAsUpdate(doc):      ${kb(stateBytes)}
`);
fs.rmSync(dataDir, { recursive: true, force: true });
