/** A story outlives its room and the server: restart, reload and compaction lose nothing. */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it } from 'vitest';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import type { ArticleDetail } from '../../shared/api';
import { addUser, api, signIn, startGalley, tempDataDir, type RunningGalley } from '../helpers/galley';
import { bodyOf, connectEditor, firstParagraphText, lineOf, waitFor } from '../helpers/editor';
import { randomEdit, seededRandom } from '../helpers/randomEdits';
import { openRawSocket } from '../helpers/rawSocket';
import { applyStored } from '../../server/store/applyStored';

/** A collab frame of the sync protocol. */
function syncFrame(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

let running: RunningGalley | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

/** A server compacting every 25 updates, and a writer in a new story of it, typing into its body. */
async function writerOnNewStory(headline: string) {
  const server = (running = await startGalley({ env: { GALLEY_COMPACT_AFTER: '25' } }));
  const cookie = await signIn(server.url, await addUser(server.galley, 'writer'));
  const { body: created } = await api<ArticleDetail>(server.url, cookie, 'POST', '/api/articles', { headline });
  const writer = connectEditor(server.url, created.id, cookie);
  await writer.synced;
  return { server, cookie, created, writer, text: firstParagraphText(writer.doc, 'body') };
}

/** The text of the body's first paragraph as the store holds it. */
async function storedText(articleId: string): Promise<string> {
  const doc = new Y.Doc();
  applyStored(doc, await running!.galley.docs.load(articleId));
  return firstParagraphText(doc, 'body').toString();
}

const hasSnapshot = async (articleId: string) => (await running!.galley.docs.load(articleId)).snapshot !== null;

describe('persistence', () => {
  it('a new client after a server restart sees everything, even after the log was compacted', async () => {
    const dataDir = tempDataDir();
    // Compact every 25 updates, so the restart reads a snapshot plus a log.
    running = await startGalley({ dataDir, env: { GALLEY_COMPACT_AFTER: '25' } });
    const user = await addUser(running.galley, 'writer');
    let cookie = await signIn(running.url, user);
    const { body: created } = await api<ArticleDetail>(running.url, cookie, 'POST', '/api/articles', { headline: 'Ferry strike' });

    const writer = connectEditor(running.url, created.id, cookie);
    await writer.synced;
    firstParagraphText(writer.doc, 'standfirst').insert(0, 'Crews walk out at dawn.');
    const random = seededRandom(7);
    for (let i = 0; i < 120; i++) randomEdit(writer.doc, random);
    const headline = lineOf(writer.doc, 'headline');
    const body = bodyOf(writer.doc);

    // A second client that receives the edits proves they were stored (durable before broadcast).
    const reader = connectEditor(running.url, created.id, cookie);
    await waitFor(() => JSON.stringify(bodyOf(reader.doc)) === JSON.stringify(body), 'the reader to receive every edit');
    writer.destroy();
    reader.destroy();
    expect(await running.galley.docs.logLength(created.id)).toBeLessThan(120);
    await running.stop();

    running = await startGalley({ dataDir });
    cookie = await signIn(running.url, user);
    const fresh = connectEditor(running.url, created.id, cookie);
    await fresh.synced;
    expect(lineOf(fresh.doc, 'headline')).toBe(headline);
    expect(lineOf(fresh.doc, 'standfirst')).toBe('Crews walk out at dawn.');
    expect(bodyOf(fresh.doc)).toEqual(body);

    const served = await api<ArticleDetail>(running.url, cookie, 'GET', `/api/articles/${created.id}`);
    expect(served.body.headline).toBe(headline);
    expect(served.body.standfirst).toBe('Crews walk out at dawn.');
    expect(served.body.body).toEqual(body);
    fresh.destroy();
  });

  it('unloads a story when its last editor leaves and reloads it intact for the next', async () => {
    running = await startGalley();
    const cookie = await signIn(running.url, await addUser(running.galley, 'writer'));
    const { body: created } = await api<ArticleDetail>(running.url, cookie, 'POST', '/api/articles', { headline: 'Night buses' });

    const first = connectEditor(running.url, created.id, cookie);
    await first.synced;
    firstParagraphText(first.doc, 'body').insert(0, 'Hourly until 2am.');
    await waitFor(() => running!.galley.collab.openRoom(created.id) !== undefined, 'the room to open');
    await running.galley.collab.openRoom(created.id)!.whenDurable();
    first.destroy();
    await waitFor(() => running!.galley.collab.openRoom(created.id) === undefined, 'the room to unload');

    const second = connectEditor(running.url, created.id, cookie);
    await second.synced;
    expect(lineOf(second.doc, 'headline')).toBe('Night buses');
    expect(bodyOf(second.doc).content?.[0].content?.[0].text).toBe('Hourly until 2am.');
    second.destroy();
  });

  it("answers a new client's first sync from the stored bytes, log included, and keeps what it sends before the story is applied", async () => {
    // Compaction every 25 updates: 30 edits give a snapshot, 10 more stay in the log when the story closes.
    const { server, cookie, created, writer, text } = await writerOnNewStory('Tram works');
    for (let i = 0; i < 40; i++) {
      text.insert(text.length, `${i} `);
      if (i === 29) await waitFor(() => hasSnapshot(created.id), 'a compaction');
    }
    const expected = text.toString();
    await server.galley.collab.openRoom(created.id)!.whenDurable();
    writer.destroy();
    await waitFor(() => server.galley.collab.openRoom(created.id) === undefined, 'the story to close');
    const stored = await server.galley.docs.load(created.id);
    expect(stored.updates.length).toBeGreaterThan(0);

    // A bare client: its sync step 1 with an empty state vector, then at once an edit of its own.
    const raw = await openRawSocket(server.url, created.id, cookie);
    raw.ws.send(syncFrame((e) => syncProtocol.writeSyncStep1(e, new Y.Doc())));
    const own = new Y.Doc();
    own.on('update', (update: Uint8Array) => raw.ws.send(syncFrame((e) => syncProtocol.writeUpdate(e, update))));
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText('Lines close at ten.')]);
    own.getXmlFragment('body').insert(0, [paragraph]);
    await waitFor(() => raw.received.some((f) => f[0] === 0 && f[1] === syncProtocol.messageYjsSyncStep2), 'the sync step 2');

    // Everything up to the step 2, applied as a client would, is the whole story; the stored snapshot comes first, as it is.
    const reader = new Y.Doc();
    const updates: Uint8Array[] = [];
    for (const frame of raw.received) {
      const decoder = decoding.createDecoder(frame);
      if (decoding.readVarUint(decoder) !== 0) continue;
      const kind = decoding.readVarUint(decoder);
      if (kind === syncProtocol.messageYjsSyncStep1) continue;
      updates.push(decoding.readVarUint8Array(decoder));
      Y.applyUpdate(reader, updates[updates.length - 1]);
      if (kind === syncProtocol.messageYjsSyncStep2) break;
    }
    expect(updates[0]).toEqual(stored.snapshot);
    expect(firstParagraphText(reader, 'body').toString()).toBe(expected);
    expect(JSON.stringify(bodyOf(reader))).not.toContain('Lines close at ten.');

    // The edit sent while the story was being opened was kept, and reaches the next editor.
    const next = connectEditor(server.url, created.id, cookie);
    const paragraphs = () => (bodyOf(next.doc).content ?? []).map((p) => p.content?.[0].text);
    await waitFor(() => paragraphs().includes('Lines close at ten.'), 'the early edit to arrive');
    expect(paragraphs()).toContain(expected);
    raw.ws.close();
    next.destroy();
  });

  it('serves readers of a closed story from the stored bytes, passes their carets, and applies the story at the first edit', async () => {
    const { server, cookie, created, writer, text } = await writerOnNewStory('Ferry timetable');
    text.insert(text.length, 'Sailings resume on Monday.');
    const expected = text.toString();
    await waitFor(async () => (await storedText(created.id)) === expected, "the writer's text to be stored");
    writer.destroy();
    await waitFor(() => server.galley.collab.openRoom(created.id) === undefined, 'the story to close');

    const first = connectEditor(server.url, created.id, cookie);
    await first.synced;
    const second = connectEditor(server.url, created.id, cookie);
    await second.synced;
    expect(firstParagraphText(first.doc, 'body').toString()).toBe(expected);
    expect(firstParagraphText(second.doc, 'body').toString()).toBe(expected);
    // Each sees the other's caret, the one who came first and the one who came second.
    first.provider.awareness.setLocalStateField('cursor:body', null);
    second.provider.awareness.setLocalStateField('cursor:body', null);
    const sees = (a: typeof first, b: typeof first) => () => a.provider.awareness.getStates().get(b.doc.clientID)?.user !== undefined;
    await waitFor(sees(first, second), "the second reader in the first one's carets");
    await waitFor(sees(second, first), "the first reader in the second one's carets");
    // Reading alone never made the server decode the story.
    expect(server.galley.collab.openRoom(created.id)).toBeUndefined();

    firstParagraphText(first.doc, 'body').insert(0, 'Update: ');
    await waitFor(() => firstParagraphText(second.doc, 'body').toString() === `Update: ${expected}`, 'the edit to reach the other reader');
    expect(server.galley.collab.openRoom(created.id)).toBeDefined();
    await server.galley.collab.openRoom(created.id)!.whenDurable();
    expect(await storedText(created.id)).toBe(`Update: ${expected}`);
    first.destroy();
    second.destroy();
  });

  it('compacts a long story less often while it is open, and when it closes', async () => {
    const { server, cookie, created, writer, text } = await writerOnNewStory('Budget day');
    text.insert(0, 'The chancellor rose at half past twelve. '.repeat(200));
    for (let i = 0; i < 24; i++) text.insert(text.length, '.');
    await waitFor(() => hasSnapshot(created.id), 'the first compaction');
    const room = server.galley.collab.openRoom(created.id)!;
    await room.whenDurable();
    const logged = await server.galley.docs.logLength(created.id);

    // Thirty one-character updates: past the count, but far from the snapshot's bytes.
    for (let i = 0; i < 30; i++) text.insert(text.length, '!');
    await room.whenDurable();
    await new Promise((r) => setTimeout(r, 100));
    expect(await server.galley.docs.logLength(created.id)).toBe(logged + 30);

    writer.destroy();
    await waitFor(async () => (await server.galley.docs.logLength(created.id)) === 0, 'the closed story to be compacted');
    const reader = connectEditor(server.url, created.id, cookie);
    await reader.synced;
    expect(firstParagraphText(reader.doc, 'body').toString()).toBe(text.toString());
    reader.destroy();
  });

  it('concurrent opens of one story share one load', async () => {
    running = await startGalley();
    const cookie = await signIn(running.url, await addUser(running.galley, 'writer'));
    const { body: created } = await api<ArticleDetail>(running.url, cookie, 'POST', '/api/articles', { headline: 'One load' });
    let loads = 0;
    const load = running.galley.docs.load.bind(running.galley.docs);
    running.galley.docs.load = (id) => {
      loads++;
      return load(id);
    };
    const editors = Array.from({ length: 6 }, () => connectEditor(running!.url, created.id, cookie));
    await Promise.all(editors.map((e) => e.synced));
    expect(loads).toBe(1);
    for (const e of editors) expect(lineOf(e.doc, 'headline')).toBe('One load');
    for (const e of editors) e.destroy();
  });
});
