/**
 * Propagation latency between two real y-websocket clients through a Galley started as `npm start`
 * runs it: the time from one client's local edit to its arrival in the other's doc, matched by Yjs
 * client id and clock. Edits are a Poisson process.
 *
 *   npx tsx bench/latency.ts [--edits 2000] [--rate 50]
 */
import { parseArgs } from 'node:util';
import * as Y from 'yjs';
import type { ArticleDetail } from '../shared/api';
import { UserStore } from '../server/auth/users';
import { openSqlite } from '../server/store/sqlite';
import { api, signIn, spawnGalley, tempDataDir } from '../test/helpers/galley';
import { connectEditor, firstParagraphText } from '../test/helpers/editor';

const { values } = parseArgs({ options: { edits: { type: 'string', default: '2000' }, rate: { type: 'string', default: '50' } } });
const edits = Number(values.edits);
const rate = Number(values.rate);

const login = { email: 'bench@galley.test', password: 'benchmark password' };
const dataDir = tempDataDir();
{
  const db = openSqlite(dataDir);
  await new UserStore(db).add({ ...login, name: 'Bench', role: 'writer' });
  db.close();
}
const server = await spawnGalley(dataDir, {});
const cookie = await signIn(server.url, login);
const { body: article } = await api<ArticleDetail>(server.url, cookie, 'POST', '/api/articles', { headline: 'Latency' });
const writer = connectEditor(server.url, article.id, cookie);
const reader = connectEditor(server.url, article.id, cookie);
await Promise.all([writer.synced, reader.synced]);

const sentAt = new Map<number, number>();
const latencies: number[] = [];
reader.doc.on('update', (update: Uint8Array) => {
  const now = performance.now();
  for (const struct of Y.decodeUpdate(update).structs) {
    if (struct.id.client !== writer.doc.clientID) continue;
    const t = sentAt.get(struct.id.clock);
    if (t !== undefined) {
      latencies.push(now - t);
      sentAt.delete(struct.id.clock);
    }
  }
});

const text = firstParagraphText(writer.doc, 'body');
for (let i = 0; i < edits; i++) {
  await new Promise((r) => setTimeout(r, -Math.log(1 - Math.random()) * (1000 / rate)));
  const clock = Y.getState(writer.doc.store, writer.doc.clientID);
  sentAt.set(clock, performance.now());
  text.insert(Math.floor(Math.random() * (text.length + 1)), 'a');
}
const deadline = Date.now() + 10_000;
while (latencies.length < edits && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));

latencies.sort((a, b) => a - b);
const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))].toFixed(2);
console.log(`edits: ${edits} at ${rate}/s (Poisson); arrived: ${latencies.length}`);
console.log(`propagation latency ms: p50 ${q(0.5)}  p95 ${q(0.95)}  p99 ${q(0.99)}  max ${latencies[latencies.length - 1].toFixed(2)}`);
writer.destroy();
reader.destroy();
server.child.kill('SIGTERM');
await server.exited;
