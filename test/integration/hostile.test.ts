/** Hostile clients at the doors: other origins, forged identities, slow readers, silent sockets. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import { io } from 'socket.io-client';
import type { ArticleDetail } from '../../shared/api';
import { addUser, api, signIn, startGalley, type RunningGalley } from '../helpers/galley';
import { connectEditor, waitFor } from '../helpers/editor';
import { openRawSocket } from '../helpers/rawSocket';

let running: RunningGalley;
let cookie: string;
let articleId: string;
beforeAll(async () => {
  running = await startGalley();
  cookie = await signIn(running.url, await addUser(running.galley, 'writer', 'Rosa Okafor'));
  articleId = (await api<ArticleDetail>(running.url, cookie, 'POST', '/api/articles', { headline: 'Doors' })).body.id;
});
afterAll(() => running.stop());

const frame = (...parts: ((e: encoding.Encoder) => void)[]) => {
  const e = encoding.createEncoder();
  for (const p of parts) p(e);
  return encoding.toUint8Array(e);
};

describe('hostile clients', () => {
  it('refuses a collab WebSocket and a socket.io handshake from another origin, even with a valid cookie', async () => {
    const ws = new WebSocket(`${running.url.replace('http', 'ws')}/collab/${articleId}`, { headers: { cookie, origin: 'https://evil.example' } });
    const status = await new Promise<number>((resolve) => ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)));
    expect(status).toBe(403);
    const socket = io(running.url, { path: '/socket.io', transports: ['websocket'], extraHeaders: { cookie, origin: 'https://evil.example' }, reconnection: false });
    await expect(new Promise<void>((resolve, reject) => { socket.on('connect', () => resolve()); socket.on('connect_error', reject); })).rejects.toThrow();
    socket.close();
  });

  it('shows others the session’s name, whatever identity a client claims in its awareness', async () => {
    const watcher = connectEditor(running.url, articleId, cookie);
    await watcher.synced;
    const forger = await openRawSocket(running.url, articleId, cookie);
    const fake = new awarenessProtocol.Awareness(new Y.Doc());
    fake.setLocalState({ user: { name: 'The Editor-in-Chief', color: '#000000' }, 'cursor:body': null });
    forger.ws.send(frame((e) => encoding.writeVarUint(e, 1), (e) => encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(fake, [fake.clientID]))));
    await waitFor(() => watcher.provider.awareness.getStates().has(fake.clientID), 'the forged state to arrive');
    expect(watcher.provider.awareness.getStates().get(fake.clientID)).toEqual({ user: { name: 'Rosa Okafor', color: expect.stringMatching(/^#/) }, 'cursor:body': null });
    // Nor may it speak for another connection's client.
    const other = watcher.doc.clientID;
    watcher.provider.awareness.setLocalStateField('cursor:body', null);
    await new Promise((r) => setTimeout(r, 100));
    const hijack = new awarenessProtocol.Awareness(new Y.Doc());
    hijack.clientID = other;
    hijack.setLocalState({ 'cursor:body': { anchor: 'stolen' } });
    hijack.meta.set(other, { clock: 999, lastUpdated: Date.now() });
    forger.ws.send(frame((e) => encoding.writeVarUint(e, 1), (e) => encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(hijack, [other]))));
    await new Promise((r) => setTimeout(r, 200));
    const seen = connectEditor(running.url, articleId, cookie);
    await seen.synced;
    await new Promise((r) => setTimeout(r, 200));
    expect(JSON.stringify(seen.provider.awareness.getStates().get(other) ?? {})).not.toContain('stolen');
    fake.destroy();
    hijack.destroy();
    forger.ws.close();
    watcher.destroy();
    seen.destroy();
  });

  it('drops a reader that does not read, instead of holding its backlog', async () => {
    const slow = await openRawSocket(running.url, articleId, cookie);
    // Stop reading: the server's frames pile up in its send buffer.
    (slow.ws as unknown as { _socket: { pause(): void } })._socket.pause();
    const writer = connectEditor(running.url, articleId, cookie);
    await writer.synced;
    const body = writer.doc.getXmlFragment('body');
    for (let i = 0; i < 40; i++) {
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText('x'.repeat(1024 * 1024))]);
      body.insert(body.length, [paragraph]);
    }
    // Wait until the server has taken every megabyte (and tried to send each to the slow reader).
    const body41 = () => (running.galley.collab.openRoom(articleId)?.doc.getXmlFragment('body').length ?? 0) >= 41;
    await waitFor(body41, 'the server to take every update', 30_000);
    await running.galley.collab.openRoom(articleId)!.whenDurable();
    (slow.ws as unknown as { _socket: { resume(): void } })._socket.resume();
    // Cut without a close frame, which could only have queued behind the backlog.
    expect(await slow.closed).toBe(1006);
    expect(writer.provider.wsconnected).toBe(true);
    writer.destroy();
  });
});
