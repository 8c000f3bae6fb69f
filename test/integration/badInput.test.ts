/**
 * Bad input on the collab endpoint: random and mutated frames, oversized frames, no session,
 * unknown stories. The server stays up, the stored story does not change, other editors carry on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import { CloseCodes } from '../../shared/closeCodes';
import type { ArticleDetail } from '../../shared/api';
import { applyStored } from '../../server/store/applyStored';
import { addUser, api, signIn, startGalley, type RunningGalley } from '../helpers/galley';
import { bodyOf, connectEditor, firstParagraphText, lineOf, waitFor } from '../helpers/editor';
import { openRawSocket } from '../helpers/rawSocket';
import { seededRandom } from '../helpers/randomEdits';

let running: RunningGalley;
let cookie: string;
let articleId: string;

beforeAll(async () => {
  running = await startGalley();
  cookie = await signIn(running.url, await addUser(running.galley, 'writer'));
  articleId = (await api<ArticleDetail>(running.url, cookie, 'POST', '/api/articles', { headline: 'Fuzzed' })).body.id;
});
afterAll(() => running.stop());

const frame = (...parts: ((e: encoding.Encoder) => void)[]) => {
  const e = encoding.createEncoder();
  for (const part of parts) part(e);
  return encoding.toUint8Array(e);
};
const syncFrame = (step: number, payload: Uint8Array) => frame((e) => encoding.writeVarUint(e, 0), (e) => encoding.writeVarUint(e, step), (e) => encoding.writeVarUint8Array(e, payload));
const awarenessFrame = (payload: Uint8Array) => frame((e) => encoding.writeVarUint(e, 1), (e) => encoding.writeVarUint8Array(e, payload));
const queryAwareness = frame((e) => encoding.writeVarUint(e, 3));

/** What the store holds for the story, as text and state vector. */
async function storedStory(): Promise<string> {
  await running.galley.collab.openRoom(articleId)?.whenDurable();
  const doc = new Y.Doc();
  applyStored(doc, await running.galley.docs.load(articleId));
  return JSON.stringify({ headline: lineOf(doc, 'headline'), standfirst: lineOf(doc, 'standfirst'), body: bodyOf(doc), sv: [...Y.encodeStateVector(doc)] });
}

/** The length of a well-formed frame's payload (what follows its envelope). */
function payloadLength(frame: Uint8Array): number {
  const decoder = decoding.createDecoder(frame);
  if (decoding.readVarUint(decoder) === 0) decoding.readVarUint(decoder);
  return decoding.readVarUint8Array(decoder).length;
}

/** Random, truncated and mutated frames built from real ones the server has already seen. */
function fuzzFrames(count: number, seen: Uint8Array[], random: () => number): Uint8Array[] {
  const bytes = (n: number) => Uint8Array.from({ length: n }, () => Math.floor(random() * 256));
  const pick = () => seen[Math.floor(random() * seen.length)];
  const frames: Uint8Array[] = [];
  while (frames.length < count) {
    const roll = random();
    const base = pick();
    if (roll < 0.2) frames.push(bytes(Math.floor(random() * 512)));
    else if (roll < 0.35) frames.push(base.slice(0, Math.max(1, Math.floor(random() * base.length))));
    else if (roll < 0.5) {
      // Mutate the envelope (message type, sync step, length prefix). A mutation inside the Yjs
      // update itself can form another valid update: the access rules, not parsing, stop those.
      const mutated = base.slice();
      const envelope = base.length - payloadLength(base);
      const flips = 1 + Math.floor(random() * 3);
      for (let i = 0; i < flips; i++) mutated[Math.floor(random() * envelope)] = Math.floor(random() * 256);
      frames.push(mutated);
    } else if (roll < 0.6) frames.push(Uint8Array.from([...base, ...bytes(1 + Math.floor(random() * 16))]));
    else if (roll < 0.7) {
      const at = 3 + Math.floor(random() * Math.max(1, base.length - 3));
      frames.push(Uint8Array.from([...base.slice(0, at), ...bytes(1 + Math.floor(random() * 8)), ...base.slice(at)]));
    } else if (roll < 0.85) frames.push(syncFrame(Math.floor(random() * 3), bytes(Math.floor(random() * 256))));
    else if (roll < 0.95) frames.push(awarenessFrame(bytes(Math.floor(random() * 128))));
    // A length prefix that claims gigabytes.
    else frames.push(Uint8Array.from([0, 2, 0xff, 0xff, 0xff, 0xff, 0x0f, ...bytes(8)]));
  }
  return frames;
}

describe('bad input on the collab endpoint', () => {
  // Ten thousand round trips: allow for a busy two-core machine.
  it('10,000 random and mutated frames never crash the server, never change the stored story, and leave other editors working', { timeout: 240_000 }, async () => {
    const writer = connectEditor(running.url, articleId, cookie);
    const reader = connectEditor(running.url, articleId, cookie);
    await Promise.all([writer.synced, reader.synced]);
    const typed: Uint8Array[] = [];
    writer.doc.on('update', (u: Uint8Array, origin: unknown) => origin !== writer.provider && typed.push(u));
    firstParagraphText(writer.doc, 'body').insert(0, 'Before the storm.');
    firstParagraphText(writer.doc, 'standfirst').insert(0, 'Wind warnings.');
    writer.provider.awareness.setLocalStateField('user', { name: 'Writer', color: '#1971c2' });
    await waitFor(() => lineOf(reader.doc, 'standfirst') === 'Wind warnings.', 'the reader to see the writer');
    const before = await storedStory();

    // Real frames the server has already applied: replays change nothing, mutations must be refused.
    const seen = [
      syncFrame(1, Y.encodeStateAsUpdate(writer.doc)),
      syncFrame(0, Y.encodeStateVector(writer.doc)),
      ...typed.map((u) => syncFrame(2, u)),
      awarenessFrame(awarenessProtocol.encodeAwarenessUpdate(writer.provider.awareness, [writer.doc.clientID])),
    ];
    const frames = fuzzFrames(10_000, seen, seededRandom(20261127));

    let next = 0;
    let refusedConnections = 0;
    let answered = 0;
    const worker = async () => {
      while (next < frames.length) {
        const socket = await openRawSocket(running.url, articleId, cookie);
        let closedWith: number | undefined;
        void socket.closed.then((code) => (closedWith = code));
        while (next < frames.length && closedWith === undefined) {
          socket.ws.send(frames[next++]);
          // A query after each frame: an answer means the frame was taken, a close that it was refused.
          const reply = new Promise((resolve) => socket.ws.once('message', resolve));
          socket.ws.send(queryAwareness);
          await Promise.race([socket.closed, reply]);
          if (closedWith === undefined) answered++;
        }
        if (closedWith === undefined) socket.ws.close();
        else {
          expect([CloseCodes.BadMessage.code, 1002, 1007, 1009]).toContain(closedWith);
          refusedConnections++;
        }
        await socket.closed;
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    expect(refusedConnections + answered).toBeGreaterThanOrEqual(10_000);
    expect(refusedConnections).toBeGreaterThan(5_000);

    expect((await fetch(`${running.url}/healthz`)).status).toBe(200);
    expect(await storedStory()).toBe(before);

    // The two real editors never noticed.
    expect(writer.provider.wsconnected && reader.provider.wsconnected).toBe(true);
    firstParagraphText(writer.doc, 'headline').insert(0, 'Still ');
    await waitFor(() => lineOf(reader.doc, 'headline') === 'Still Fuzzed', 'an edit after the fuzzing to arrive');
    const served = await api<ArticleDetail>(running.url, cookie, 'GET', `/api/articles/${articleId}`);
    expect(served.body).toMatchObject({ headline: 'Still Fuzzed', standfirst: 'Wind warnings.' });
    writer.destroy();
    reader.destroy();
  });

  it('refuses a frame over 2 MiB with close 1009 and stores nothing of it', async () => {
    const before = await storedStory();
    const socket = await openRawSocket(running.url, articleId, cookie);
    const big = new Y.Doc();
    big.getXmlFragment('body').insert(0, [new Y.XmlText('x'.repeat(2 * 1024 * 1024 + 10))]);
    socket.ws.send(syncFrame(2, Y.encodeStateAsUpdate(big)));
    expect(await socket.closed).toBe(1009);
    expect(await storedStory()).toBe(before);
  });

  it('refuses an upgrade without a session (4401) and an unknown story (4404)', async () => {
    const anonymous = await openRawSocket(running.url, articleId);
    expect(await anonymous.closed).toBe(CloseCodes.Unauthenticated.code);
    const forged = await openRawSocket(running.url, articleId, 'galley_session=not-a-real-session');
    expect(await forged.closed).toBe(CloseCodes.Unauthenticated.code);
    const missing = await openRawSocket(running.url, '00000000-0000-0000-0000-000000000000', cookie);
    expect(await missing.closed).toBe(CloseCodes.NotFound.code);
  });

  it('refuses text frames and unknown message types, closing only that connection', async () => {
    const reader = connectEditor(running.url, articleId, cookie);
    await reader.synced;
    const text = await openRawSocket(running.url, articleId, cookie);
    text.ws.send('hello');
    expect(await text.closed).toBe(CloseCodes.BadMessage.code);
    const unknown = await openRawSocket(running.url, articleId, cookie);
    unknown.ws.send(Uint8Array.from([9, 1, 2]));
    expect(await unknown.closed).toBe(CloseCodes.BadMessage.code);
    expect(reader.provider.wsconnected).toBe(true);
    reader.destroy();
  });
});
