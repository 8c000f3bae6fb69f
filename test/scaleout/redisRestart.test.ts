/**
 * Redis restarts while two instances are editing one story: both notice, say they are not ready
 * while it is down, pick the link up again on their own and converge. The test runs its own
 * redis-server, so restarting it disturbs nothing else on the machine.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArticleDetail } from '../../shared/api';
import { connectEditor, waitFor, type TestEditor } from '../helpers/editor';
import { api, signIn, type GalleyProcess } from '../helpers/galley';
import { bodyText, cluster, ownParagraph, typeWords, type Cluster } from './helpers';

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  await waitFor(
    () =>
      new Promise<boolean>((resolve) => {
        const socket = net.connect(port, '127.0.0.1', () => {
          socket.destroy();
          resolve(true);
        });
        socket.on('error', () => resolve(false));
      }),
    'redis-server to listen',
  );
  return child;
}

let port: number;
let redis: ChildProcess;
let newsroom: Cluster;
let a: GalleyProcess;
let b: GalleyProcess;
const editors: TestEditor[] = [];

beforeAll(async () => {
  port = await freePort();
  redis = await startRedis(port);
  newsroom = await cluster(`redis://127.0.0.1:${port}`);
  [a, b] = await Promise.all([newsroom.start('a'), newsroom.start('b')]);
});
afterAll(async () => {
  for (const e of editors) e.destroy();
  await newsroom?.stop();
  redis?.kill('SIGKILL');
});

const ready = async (url: string) => (await fetch(`${url}/readyz`)).status === 200;

describe('a Redis restart during editing', () => {
  it('is survived without restarting an instance: both converge afterwards', async () => {
    const cookie = await signIn(a.url, newsroom.writer);
    const storyId = (await api<ArticleDetail>(a.url, cookie, 'POST', '/api/articles', { headline: 'Power cut across the city' })).body.id;
    const onA = connectEditor(a.url, storyId, cookie);
    const onB = connectEditor(b.url, storyId, cookie);
    editors.push(onA, onB);
    await Promise.all([onA.synced, onB.synced]);
    const [textA, textB] = [ownParagraph(onA), ownParagraph(onB)];
    await waitFor(() => bodyText(onA) === bodyText(onB), 'the first paragraphs to cross');

    const bursts = [typeWords(textA, 'before', 100, 10), typeWords(textB, 'during', 100, 10)];
    await new Promise((r) => setTimeout(r, 200));
    redis.kill('SIGKILL');
    await waitFor(async () => !(await ready(a.url)) && !(await ready(b.url)), 'both instances to say they are not ready');
    // A story opened while Redis is down still opens, from the store.
    const lateId = (await api<ArticleDetail>(a.url, cookie, 'POST', '/api/articles', { headline: 'Opened in the dark' })).body.id;
    const lateOnB = connectEditor(b.url, lateId, cookie);
    editors.push(lateOnB);
    await lateOnB.synced;
    const lateWords = typeWords(ownParagraph(lateOnB), 'dark', 10, 20);
    redis = await startRedis(port);
    const typed = (await Promise.all(bursts)).flat();
    // Typed after the restart too: the link is live again, not just caught up once.
    typed.push(...(await typeWords(textA, 'after', 20, 10)));

    await waitFor(async () => (await ready(a.url)) && (await ready(b.url)), 'both instances to be ready again', 20_000);
    await waitFor(() => bodyText(onA) === bodyText(onB), 'both clients to hold the same body', 20_000);
    for (const word of typed) expect(bodyText(onB)).toContain(`${word} `);
    // …and, once the link is back, that story crosses between instances like any other.
    const lateOnA = connectEditor(a.url, lateId, cookie);
    editors.push(lateOnA);
    await lateOnA.synced;
    const more = await typeWords(ownParagraph(lateOnB), 'light', 10, 10);
    for (const word of [...(await lateWords), ...more]) await waitFor(() => bodyText(lateOnA).includes(`${word} `), `“${word}” to reach A`);
    // B subscribed to it when the link came back: what A types reaches B.
    for (const word of await typeWords(ownParagraph(lateOnA), 'back', 10, 10)) await waitFor(() => bodyText(lateOnB).includes(`${word} `), `“${word}” to reach B`);
    expect(a.child.exitCode).toBeNull();
    expect(b.child.exitCode).toBeNull();
  });
});
