/**
 * Galley as several instances behind a load balancer, on the PostgreSQL and Redis this machine
 * runs: co-editing across instances, carets and workflow events crossing them, an instance killed
 * mid-burst, a late instance loading mid-burst, and revocation reaching every instance.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { ArticleDetail } from '../../shared/api';
import { CloseCodes } from '../../shared/closeCodes';
import { applyStored } from '../../server/store/applyStored';
import { openPostgres } from '../../server/store/postgres';
import { PostgresDocStore } from '../../server/store/PostgresDocStore';
import { startBalancer } from '../helpers/balancer';
import { connectEditor, waitFor, type TestEditor } from '../helpers/editor';
import { api, signIn, type GalleyProcess } from '../helpers/galley';
import { newsroomSocket, nextEvent } from '../helpers/newsroom';
import { bodyText, cluster, ownParagraph, typeWords, type Cluster } from './helpers';

let newsroom: Cluster;
let a: GalleyProcess;
let b: GalleyProcess;
let writerCookie: string;
let editorCookie: string;
const editors: TestEditor[] = [];

beforeAll(async () => {
  newsroom = await cluster();
  [a, b] = await Promise.all([newsroom.start('a'), newsroom.start('b')]);
  writerCookie = await signIn(a.url, newsroom.writer);
  editorCookie = await signIn(b.url, newsroom.editor);
});
afterAll(async () => {
  for (const e of editors) e.destroy();
  await newsroom?.stop();
});

async function newStory(headline: string): Promise<string> {
  const { status, body } = await api<ArticleDetail>(a.url, writerCookie, 'POST', '/api/articles', { headline });
  expect(status).toBe(201);
  return body.id;
}

/** The story's body as PostgreSQL holds it, read directly. */
async function storedBody(storyId: string): Promise<string> {
  const db = await openPostgres(newsroom.env.DATABASE_URL);
  try {
    const doc = new Y.Doc();
    applyStored(doc, await new PostgresDocStore(db).load(storyId));
    return doc.getXmlFragment('body').toString();
  } finally {
    await db.close();
  }
}

function editorOn(url: string, storyId: string, cookie = writerCookie): TestEditor {
  const editor = connectEditor(url, storyId, cookie);
  editors.push(editor);
  return editor;
}

describe('two instances on one PostgreSQL and one Redis', () => {
  it('lets clients on A and on B co-edit one story and converge, carets included', async () => {
    const storyId = await newStory('Council votes on the harbour plan');
    const [onA, onB] = [editorOn(a.url, storyId), editorOn(b.url, storyId)];
    await Promise.all([onA.synced, onB.synced]);
    const [wordsA, wordsB] = await Promise.all([typeWords(ownParagraph(onA), 'alpha', 60, 5), typeWords(ownParagraph(onB), 'bravo', 60, 5)]);
    await waitFor(() => bodyText(onA) === bodyText(onB), 'both clients to hold the same body');
    for (const word of [...wordsA, ...wordsB]) expect(bodyText(onA)).toContain(`${word} `);

    onA.provider.awareness.setLocalStateField('cursor:body', { at: 3 });
    await waitFor(() => [...onB.provider.awareness.getStates().values()].some((s) => s['cursor:body']?.at === 3), 'A’s caret to show on B');
    const seen = [...onB.provider.awareness.getStates().values()].find((s) => s['cursor:body']?.at === 3)!;
    expect(seen.user.name).toBe('Wren Writer');
  });

  it('sends a workflow change made on A to a socket.io client on B', async () => {
    const storyId = await newStory('Ferry strike called off');
    const onA = editorOn(a.url, storyId);
    await onA.synced;
    typeWords(ownParagraph(onA), 'word', 5, 1);
    await waitFor(async () => (await api<ArticleDetail>(a.url, writerCookie, 'GET', `/api/articles/${storyId}`)).body.wordCount >= 5, 'the words to be stored');
    const socket = await newsroomSocket(b.url, editorCookie);
    try {
      const watched = await socket.emitWithAck('article:watch', storyId);
      expect(watched).toEqual({ ok: true, access: 'comment' });
      const heard = nextEvent(socket, 'article:state', (change) => change.articleId === storyId);
      expect((await api(a.url, writerCookie, 'POST', `/api/articles/${storyId}/transitions`, { action: 'submit' })).status).toBe(200);
      const [change] = await heard;
      expect(change).toMatchObject({ state: 'copy_edit', access: 'edit' });
    } finally {
      socket.close();
    }
  });

  it('loses nothing when A is killed mid-burst: its clients move to B and every doc ends equal', async () => {
    const balancer = await startBalancer([a.url, b.url]);
    try {
      const storyId = await newStory('Storm closes the coast road');
      const clients = [0, 1, 2, 3].map(() => editorOn(balancer.url, storyId));
      await Promise.all(clients.map((c) => c.synced));
      const paragraphs = clients.map(ownParagraph);
      const bursts = clients.map((_, i) => typeWords(paragraphs[i], `c${i}w`, 150, 4));
      await new Promise((r) => setTimeout(r, 250));
      a.child.kill('SIGKILL');
      const typed = (await Promise.all(bursts)).flat();
      await waitFor(() => clients.every((c) => c.provider.wsconnected && c.provider.synced), 'every client to be connected to B', 20_000);
      await waitFor(() => clients.every((c) => bodyText(c) === bodyText(clients[0])), 'every client to hold the same body', 20_000);
      for (const word of typed) expect(bodyText(clients[0])).toContain(`${word} `);
      // What PostgreSQL holds is that same doc.
      await waitFor(async () => (await storedBody(storyId)) === bodyText(clients[0]), 'the stored story to equal the clients’ doc', 20_000);
    } finally {
      await balancer.close();
    }
  });
});

describe('an instance that opens a story mid-burst', () => {
  it('converges with the instance that was already editing it', async () => {
    const [c, d] = await Promise.all([newsroom.start('c'), newsroom.start('d')]);
    const cookie = await signIn(c.url, newsroom.writer);
    const storyId = (await api<ArticleDetail>(c.url, cookie, 'POST', '/api/articles', { headline: 'Late count in the west' })).body.id;
    const early = [editorOn(c.url, storyId, cookie), editorOn(c.url, storyId, cookie)];
    await Promise.all(early.map((e) => e.synced));
    const bursts = early.map((e, i) => typeWords(ownParagraph(e), `e${i}w`, 300, 5));
    await new Promise((r) => setTimeout(r, 300));
    // D has never opened the story: it loads it from the store while C's clients keep typing.
    const late = editorOn(d.url, storyId, cookie);
    await late.synced;
    const atLoad = bodyText(late);
    const typed = (await Promise.all(bursts)).flat();
    // The load really fell mid-burst: words were typed both before and after it.
    expect(typed.filter((w) => atLoad.includes(`${w} `)).length).toBeGreaterThan(0);
    expect(typed.filter((w) => !atLoad.includes(`${w} `)).length).toBeGreaterThan(0);
    await waitFor(() => bodyText(late) === bodyText(early[0]) && bodyText(early[1]) === bodyText(early[0]), 'the late client to converge', 20_000);
    for (const word of typed) expect(bodyText(late)).toContain(`${word} `);
  });
});

describe('an instance that drains on SIGTERM', () => {
  it('stops being ready, flushes, and sends its clients to the other instance at once', async () => {
    const [g, h] = await Promise.all([newsroom.start('g'), newsroom.start('h')]);
    const balancer = await startBalancer([g.url, h.url]);
    try {
      const cookie = await signIn(g.url, newsroom.writer);
      const storyId = (await api<ArticleDetail>(g.url, cookie, 'POST', '/api/articles', { headline: 'Bridge reopens early' })).body.id;
      const clients = [0, 1].map(() => editorOn(balancer.url, storyId, cookie));
      await Promise.all(clients.map((c) => c.synced));
      const bursts = clients.map((c, i) => typeWords(ownParagraph(c), `d${i}w`, 100, 5));
      await new Promise((r) => setTimeout(r, 150));
      const closes: number[] = [];
      for (const c of clients) c.provider.ws!.addEventListener('close', (e) => closes.push((e as CloseEvent).code));
      g.child.kill('SIGTERM');
      expect(await g.exited, g.output().slice(-2000)).toBe(0);
      const typed = (await Promise.all(bursts)).flat();
      // The client that was on G was told to reconnect elsewhere, not cut off.
      expect(closes).toContain(CloseCodes.ShuttingDown.code);
      await waitFor(() => clients.every((c) => c.provider.wsconnected && c.provider.synced && bodyText(c) === bodyText(clients[0])), 'both clients to be on H and equal', 20_000);
      for (const word of typed) expect(bodyText(clients[0])).toContain(`${word} `);
    } finally {
      await balancer.close();
    }
  });
});

describe('revocation', () => {
  it('lowers a connection’s access on another instance within a second of a workflow step', async () => {
    // A was killed above: two fresh instances.
    const [one, two] = await Promise.all([newsroom.start('i'), newsroom.start('j')]);
    const cookie = await signIn(one.url, newsroom.writer);
    const storyId = (await api<ArticleDetail>(one.url, cookie, 'POST', '/api/articles', { headline: 'Tram fares to rise in spring' })).body.id;
    const onB = editorOn(two.url, storyId, cookie);
    await onB.synced;
    const paragraph = ownParagraph(onB);
    await typeWords(paragraph, 'draft', 60, 1);
    await waitFor(async () => (await storedBody(storyId)).includes('draft59 '), 'the draft to be stored');
    const closed = new Promise<number>((resolve) => onB.provider.ws!.addEventListener('close', (e) => resolve((e as CloseEvent).code)));
    expect((await api(one.url, cookie, 'POST', `/api/articles/${storyId}/transitions`, { action: 'submit' })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1000));
    // On the copy desk the reporter may only suggest: B now refuses her plain typing.
    paragraph.insert(0, 'Unmarked ');
    expect(await closed).toBe(CloseCodes.SuggestionsOnly.code);
    onB.provider.disconnect();
    expect(await storedBody(storyId)).not.toContain('Unmarked');
  });

  it('reaches a session’s connection on another instance within a second of logging out', async () => {
    const c = await newsroom.start('e');
    const storyId = await (async () => {
      const cookie = await signIn(c.url, newsroom.writer);
      return (await api<ArticleDetail>(c.url, cookie, 'POST', '/api/articles', { headline: 'Budget leaks early' })).body.id;
    })();
    const f = await newsroom.start('f');
    const cookie = await signIn(c.url, newsroom.writer);
    const onF = editorOn(f.url, storyId, cookie);
    await onF.synced;
    const closed = new Promise<number>((resolve) => onF.provider.ws!.addEventListener('close', (e) => resolve((e as CloseEvent).code)));
    const loggedOutAt = Date.now();
    expect((await api(c.url, cookie, 'DELETE', '/api/session')).status).toBe(204);
    expect(await closed).toBe(CloseCodes.Unauthenticated.code);
    expect(Date.now() - loggedOutAt).toBeLessThan(1000);
    onF.provider.disconnect();
  });
});

describe('operations', () => {
  it('reports readiness and Prometheus metrics', async () => {
    const ready = await fetch(`${b.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ ok: true, store: 'ok', redis: 'ok' });
    const metrics = await (await fetch(`${b.url}/metrics`)).text();
    const guarded = await newsroom.start('metrics', { GALLEY_METRICS_TOKEN: 'a-long-metrics-token' });
    expect((await fetch(`${guarded.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${guarded.url}/metrics`, { headers: { authorization: 'Bearer a-long-metrics-token' } })).status).toBe(200);
    for (const name of ['galley_open_docs', 'galley_connections', 'galley_updates_in_total', 'galley_updates_out_total', 'galley_append_seconds_bucket', 'galley_redis_lag_seconds_bucket']) {
      expect(metrics).toContain(name);
    }
    expect(Number(/galley_updates_out_total\{[^}]*\} (\d+)/.exec(metrics)?.[1])).toBeGreaterThan(0);
  });
});
