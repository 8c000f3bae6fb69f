/**
 * Tracked suggestions against a real server: a reporter whose story is on the copy desk (access
 * `suggest`) and a copy editor (access `edit`) work in the same story at the same time through real
 * y-websocket clients; the editor accepts or rejects; the server refuses anything from the reporter that
 * is not a suggestion of their own, storing nothing of it, and records when each suggestion was made.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { ArticleDetail } from '../../shared/api';
import { CloseCodes } from '../../shared/closeCodes';
import type { SuggestionRecord } from '../../shared/suggestions';
import { acceptSuggestions, rejectSuggestions } from '../../shared/suggestions';
import { api, startGalley, type RunningGalley } from '../helpers/galley';
import { connectEditor, waitFor, type TestEditor } from '../helpers/editor';
import { makeNewsroom, readyStory, type Newsroom } from '../helpers/newsroom';
import { editBody, markedBody, positionOf } from '../helpers/suggestions';

let running: RunningGalley;
let newsroom: Newsroom;

beforeAll(async () => {
  running = await startGalley();
  newsroom = await makeNewsroom(running.galley, running.url);
});

afterAll(async () => {
  await running?.stop();
});

/** Both editors of a story on the copy desk, synced. */
async function openBoth(id: string): Promise<{ writer: TestEditor; desk: TestEditor }> {
  const writer = connectEditor(running.url, id, newsroom.author.cookie);
  const desk = connectEditor(running.url, id, newsroom.copyEditor.cookie);
  await Promise.all([writer.synced, desk.synced]);
  return { writer, desk };
}

/** The body as the server has it (rendered from the live doc, or the store when no one is in it). */
async function storedBody(id: string): Promise<ArticleDetail> {
  const res = await api<ArticleDetail>(running.url, newsroom.publisher.cookie, 'GET', `/api/articles/${id}`);
  expect(res.status).toBe(200);
  return res.body;
}

/** Waits until both docs read the same and match `expected`. */
async function converged(a: Y.Doc, b: Y.Doc, expected: string): Promise<void> {
  await waitFor(() => markedBody(a) === expected && markedBody(b) === expected, `both editors to read:\n${expected}\n(writer: ${markedBody(a)}\ndesk: ${markedBody(b)})`);
}

const intro = 'The Harbour Bridge will close to traffic every night for six weeks from Monday';
const buses = 'Night buses on routes 4 and 11 will divert through the old town';

describe('tracked suggestions', () => {
  it('a suggester and an editor type at once; accept all and reject all leave exactly the expected text', async () => {
    const id = await readyStory(running.galley, newsroom.author.id, 'copy_edit');
    const { writer, desk } = await openBoth(id);
    const closes: number[] = [];
    writer.provider.on('connection-close', (e: CloseEvent | null) => e && closes.push(e.code));

    // Both change the story without waiting for each other: Rosa suggests in the first paragraph,
    // Inès edits the second directly.
    const rosa = { suggest: newsroom.author.id };
    editBody(writer.doc, (s) => s.tr.insertText('old ', positionOf(s.doc, 'Harbour Bridge')), rosa);
    editBody(desk.doc, (s) => s.tr.insertText('late-night ', positionOf(s.doc, 'Night buses')));
    editBody(writer.doc, (s) => s.tr.delete(positionOf(s.doc, ' every night'), positionOf(s.doc, ' every night', 12)), rosa);
    editBody(desk.doc, (s) => s.tr.delete(positionOf(s.doc, ' and 11'), positionOf(s.doc, ' and 11', 7)));
    editBody(writer.doc, (s) => s.tr.insertText('eight', positionOf(s.doc, 'six weeks'), positionOf(s.doc, 'six weeks', 3)), rosa);
    editBody(desk.doc, (s) => s.tr.insertText('Harbour', positionOf(s.doc, 'the old town', 4), positionOf(s.doc, 'the old town', 7)));

    const suggested =
      'The [+old ]Harbour Bridge will close to traffic[- every night] for [-six][+eight] weeks from Monday while engineers replace the expansion joints that carry the deck across its three spans, the city transport department said on Thursday.\n' +
      'late-night Night buses on routes 4 will divert through the Harbour town, adding about eight minutes to a journey, and cyclists will still be able to cross.';
    await converged(writer.doc, desk.doc, suggested);
    expect(closes).toEqual([]);

    const detail = await storedBody(id);
    expect(detail.html).not.toContain('<ins');
    expect(detail.html).toContain('every night for six weeks');
    expect(detail.checklist.find((c) => c.rule === 'suggestions')).toMatchObject({ ok: false, message: expect.stringContaining('3') });

    // The server's record: three suggestions, by Rosa, each with the server's time.
    const records = await api<SuggestionRecord[]>(running.url, newsroom.copyEditor.cookie, 'GET', `/api/articles/${id}/suggestions`);
    expect(records.status).toBe(200);
    expect(records.body).toHaveLength(3);
    for (const r of records.body) {
      expect(r.author).toEqual({ id: newsroom.author.id, name: 'Rosa Okafor' });
      expect(Date.now() - Date.parse(r.createdAt)).toBeLessThan(60_000);
    }

    // Inès accepts everything while Rosa keeps suggesting in the second paragraph.
    editBody(desk.doc, (s) => acceptSuggestions(s.tr));
    editBody(writer.doc, (s) => s.tr.insertText('Some ', positionOf(s.doc, 'late-night')), rosa);
    const accepted =
      'The old Harbour Bridge will close to traffic for eight weeks from Monday while engineers replace the expansion joints that carry the deck across its three spans, the city transport department said on Thursday.\n' +
      '[+Some ]late-night Night buses on routes 4 will divert through the Harbour town, adding about eight minutes to a journey, and cyclists will still be able to cross.';
    await converged(writer.doc, desk.doc, accepted);

    // Then rejects what is left.
    editBody(desk.doc, (s) => rejectSuggestions(s.tr));
    const final = accepted.replace('[+Some ]', '');
    await converged(writer.doc, desk.doc, final);
    expect(closes).toEqual([]);
    writer.destroy();
    desk.destroy();

    // Stored: a fresh reading from the store says the same.
    await running.galley.collab.openRoom(id)?.whenDurable();
    await waitFor(() => !running.galley.collab.openRoom(id), 'the room to unload');
    const reopened = connectEditor(running.url, id, newsroom.publisher.cookie);
    await reopened.synced;
    expect(markedBody(reopened.doc)).toBe(final);
    reopened.destroy();
  });

  it('reject all restores the original text exactly', async () => {
    const id = await readyStory(running.galley, newsroom.author.id, 'copy_edit');
    const { writer, desk } = await openBoth(id);
    const original = markedBody(writer.doc);
    const rosa = { suggest: newsroom.author.id };
    editBody(writer.doc, (s) => s.tr.insertText('Exclusive: ', positionOf(s.doc, intro)), rosa);
    editBody(writer.doc, (s) => s.tr.delete(positionOf(s.doc, ' through the old town'), positionOf(s.doc, ' through the old town', 21)), rosa);
    editBody(writer.doc, (s) => s.tr.insertText('1', positionOf(s.doc, 'routes 4', 8)), rosa);
    await waitFor(() => markedBody(desk.doc) === markedBody(writer.doc) && markedBody(desk.doc) !== original, 'the desk to see the suggestions');
    expect(markedBody(desk.doc)).toContain('[+Exclusive: ]');
    expect(markedBody(desk.doc)).toContain(`${buses.slice(0, 'Night buses on routes 4'.length)}[+1] and 11 will divert[- through the old town]`);
    editBody(desk.doc, (s) => rejectSuggestions(s.tr));
    await converged(writer.doc, desk.doc, original);
    writer.destroy();
    desk.destroy();
  });

  it('refuses a suggester’s plain deletion or unmarked insertion: closed with 4422, nothing stored or sent on; marked changes are stored', async () => {
    const id = await readyStory(running.galley, newsroom.author.id, 'copy_edit');
    const before = await storedBody(id);
    // The copy editor is in the story throughout: what is refused must never reach her.
    const desk = connectEditor(running.url, id, newsroom.copyEditor.cookie);
    await desk.synced;
    const original = markedBody(desk.doc);
    const refusedClients: number[] = [];

    for (const plain of [
      (doc: Y.Doc) => editBody(doc, (s) => s.tr.delete(positionOf(s.doc, ' every night'), positionOf(s.doc, ' every night', 12))),
      (doc: Y.Doc) => editBody(doc, (s) => s.tr.insertText('old ', positionOf(s.doc, 'Harbour Bridge'))),
      // A mark in someone else's name is refused too.
      (doc: Y.Doc) => editBody(doc, (s) => s.tr.insertText('old ', positionOf(s.doc, 'Harbour Bridge')), { suggest: newsroom.copyEditor.id }),
    ]) {
      const raw = connectEditor(running.url, id, newsroom.author.cookie);
      await raw.synced;
      const closed = new Promise<number>((resolve) => raw.provider.on('connection-close', (e: CloseEvent | null) => e && resolve(e.code)));
      plain(raw.doc);
      refusedClients.push(raw.doc.clientID);
      expect(await closed).toBe(CloseCodes.SuggestionsOnly.code);
      raw.destroy();
      await running.galley.collab.openRoom(id)?.whenDurable();
      expect(JSON.stringify((await storedBody(id)).body)).toBe(JSON.stringify(before.body));
    }

    // A suggestion of her own goes in and is stored.
    const raw = connectEditor(running.url, id, newsroom.author.cookie);
    await raw.synced;
    const closes: number[] = [];
    raw.provider.on('connection-close', (e: CloseEvent | null) => e && closes.push(e.code));
    editBody(raw.doc, (s) => s.tr.delete(positionOf(s.doc, ' every night'), positionOf(s.doc, ' every night', 12)), { suggest: newsroom.author.id });
    await waitFor(async () => JSON.stringify((await storedBody(id)).body).includes('"deletion"'), 'the suggestion to be stored');
    expect(closes).toEqual([]);
    raw.destroy();
    // Updates reach the desk in the order they were accepted: once she has the later suggestion, she
    // would have had anything refused before it. She has nothing of it.
    const suggested = original.replace(' every night', '[- every night]');
    await waitFor(() => markedBody(desk.doc) === suggested, 'the desk to see the accepted suggestion');
    const deskHas = Y.decodeStateVector(Y.encodeStateVector(desk.doc));
    for (const client of refusedClients) expect(deskHas.has(client)).toBe(false);
    desk.destroy();
    await waitFor(() => !running.galley.collab.openRoom(id), 'the room to unload');
    const reopened = connectEditor(running.url, id, newsroom.copyEditor.cookie);
    await reopened.synced;
    expect(markedBody(reopened.doc)).toContain('to traffic[- every night] for six weeks');
    reopened.destroy();
  });

  it('refuses a suggester taking out another suggester’s proposed text: 4422, and the others keep it', async () => {
    const id = await readyStory(running.galley, newsroom.author.id, 'copy_edit');
    // Tom joins the byline: on the copy desk he suggests too.
    await running.galley.articles.addAuthor(id, newsroom.otherWriter.id, newsroom.author.id);
    const tom = connectEditor(running.url, id, newsroom.otherWriter.cookie);
    const { writer, desk } = await openBoth(id);
    await tom.synced;
    editBody(tom.doc, (s) => s.tr.insertText('old ', positionOf(s.doc, 'Harbour Bridge')), { suggest: newsroom.otherWriter.id });
    const withTom = `The [+old ]${intro.slice('The '.length)}`;
    await waitFor(() => [tom, writer, desk].every((e) => markedBody(e.doc).startsWith(withTom)), 'everyone to see Tom’s suggestion');

    // Rosa deletes Tom's text outright, as if it were her own proposal.
    const closed = new Promise<number>((resolve) => writer.provider.on('connection-close', (e: CloseEvent | null) => e && resolve(e.code)));
    editBody(writer.doc, (s) => s.tr.delete(positionOf(s.doc, 'old '), positionOf(s.doc, 'old ', 4)));
    expect(markedBody(writer.doc).startsWith(intro)).toBe(true);
    expect(await closed).toBe(CloseCodes.SuggestionsOnly.code);
    const rosaClient = writer.doc.clientID;
    writer.destroy();

    // Tom suggests on; once the desk has that, she would have had Rosa's deletion had it been passed on.
    editBody(tom.doc, (s) => s.tr.insertText('1', positionOf(s.doc, 'routes 4', 8)), { suggest: newsroom.otherWriter.id });
    await waitFor(() => markedBody(desk.doc).includes('routes 4[+1]'), 'the desk to see Tom’s second suggestion');
    for (const editor of [tom, desk]) {
      expect(markedBody(editor.doc).startsWith(withTom)).toBe(true);
      expect(Y.decodeStateVector(Y.encodeStateVector(editor.doc)).has(rosaClient)).toBe(false);
    }
    await running.galley.collab.openRoom(id)?.whenDurable();
    const stored = JSON.stringify((await storedBody(id)).body);
    expect(stored).toContain('"text":"old "');
    expect(stored).toContain('"insertion"');
    tom.destroy();
    desk.destroy();
  });
});
