/**
 * The server's memory before and after 1,000 hostile collab connections have come and gone: garbage
 * frames, oversized frames, forged awareness, sockets that never authenticate, floods of valid
 * updates. Galley runs as its own process, as `npm start` runs it.
 *
 *   npx tsx bench/hostile.ts [--connections 1000]
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import type { ArticleDetail } from '../shared/api';
import { UserStore } from '../server/auth/users';
import { openSqlite } from '../server/store/sqlite';
import { api, signIn, spawnGalley, tempDataDir } from '../test/helpers/galley';
import { connectEditor, firstParagraphText, waitFor } from '../test/helpers/editor';

const { values } = parseArgs({ options: { connections: { type: 'string', default: '1000' } } });
const total = Number(values.connections);

const rssOf = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024;
const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;
const frame = (...parts: ((e: encoding.Encoder) => void)[]) => {
  const e = encoding.createEncoder();
  for (const p of parts) p(e);
  return encoding.toUint8Array(e);
};

const login = { email: 'bench@galley.test', password: 'benchmark password' };
const dataDir = tempDataDir();
{
  const db = openSqlite(dataDir);
  await new UserStore(db).add({ ...login, name: 'Bench', role: 'writer' });
  await db.close();
}
const server = await spawnGalley(dataDir);
const pid = server.child.pid!;
const cookie = await signIn(server.url, login);
const { body: story } = await api<ArticleDetail>(server.url, cookie, 'POST', '/api/articles', { headline: 'Under attack' });
const bystander = connectEditor(server.url, story.id, cookie);
await bystander.synced;
await new Promise((r) => setTimeout(r, 2000));
const before = rssOf(pid);

const attacks: ((ws: WebSocket) => void)[] = [
  (ws) => ws.send(Uint8Array.from({ length: 300 }, () => Math.floor(Math.random() * 256))),
  (ws) => ws.send(new Uint8Array(3 * 1024 * 1024)),
  (ws) => ws.send(frame((e) => encoding.writeVarUint(e, 1), (e) => encoding.writeVarUint8Array(e, frame((f) => encoding.writeVarUint(f, 1), (f) => encoding.writeVarUint(f, 1), (f) => encoding.writeVarUint(f, 1), (f) => encoding.writeVarString(f, JSON.stringify({ user: { name: 'The editor' }, junk: 'x'.repeat(50_000) })))))),
  (ws) => {
    for (let i = 0; i < 200; i++) {
      const doc = new Y.Doc();
      doc.getText('evil').insert(0, 'x'.repeat(1000));
      ws.send(frame((e) => encoding.writeVarUint(e, 0), (e) => encoding.writeVarUint(e, 2), (e) => encoding.writeVarUint8Array(e, Y.encodeStateAsUpdate(doc))));
    }
  },
  () => undefined, // connects and says nothing
];

let done = 0;
const started = performance.now();
const worker = async () => {
  while (done < total) {
    const n = done++;
    const anonymous = n % 7 === 0;
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}/collab/${story.id}`, anonymous ? {} : { headers: { cookie } });
    await new Promise<void>((resolve) => {
      ws.on('open', () => {
        attacks[n % attacks.length](ws);
        setTimeout(() => ws.terminate(), 50);
      });
      ws.on('error', () => undefined);
      ws.on('close', () => resolve());
    });
  }
};
await Promise.all(Array.from({ length: 20 }, worker));
const elapsed = performance.now() - started;
const peak = rssOf(pid);
await new Promise((r) => setTimeout(r, 10_000));
const after = rssOf(pid);

firstParagraphText(bystander.doc, 'body').insert(0, 'Still here. ');
const watcher = connectEditor(server.url, story.id, cookie);
await waitFor(() => watcher.doc.getXmlFragment('body').toString().includes('Still here.'), 'the bystander to be heard');
console.log(`hostile connections: ${total} in ${(elapsed / 1000).toFixed(1)} s; server RSS before ${mib(before)}, right after ${mib(peak)}, 10 s later ${mib(after)} (${(((after - before) / before) * 100).toFixed(1)}%); the bystander still edits`);
bystander.destroy();
watcher.destroy();
server.child.kill('SIGTERM');
await server.exited;
