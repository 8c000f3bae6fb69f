/**
 * Versions with real people and real clients: what changed since the copy desk signed off and who
 * changed it, a version saved by hand and compared, each version's rendered story, a restore while two
 * editors are in the story and a third is offline, a restore that fails, and a change written with a
 * colleague's Yjs client.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { CloseCodes } from '../../shared/closeCodes';
import type { ArticleDetail } from '../../shared/api';
import type { ChangesSinceSignOff, VersionDiff, VersionInfo } from '../../shared/versions';
import { plainText } from '../../shared/text';
import { api, startGalley, type RunningGalley } from '../helpers/galley';
import { makeNewsroom, type Newsroom } from '../helpers/newsroom';
import { bodyOf, connectEditor, firstParagraphText, lineOf, waitFor, type TestEditor } from '../helpers/editor';
import { createArticle } from '../../server/articles/createArticle';
import { paragraphs } from '../../server/articles/seed';
import { ServerEdit } from '../../server/collab/ArticleRoom';
import { applyStored } from '../../server/store/applyStored';
import { openSqlite } from '../../server/store/sqlite';
import { VersionStore } from '../../server/workflow/VersionStore';
import { AuthorshipStore } from '../../server/versions/AuthorshipStore';
import { openRawSocket } from '../helpers/rawSocket';

let running: RunningGalley;
let newsroom: Newsroom;
const open: TestEditor[] = [];

beforeAll(async () => {
  running = await startGalley();
  newsroom = await makeNewsroom(running.galley, running.url);
});
afterAll(async () => {
  for (const e of open) e.destroy();
  await running.stop();
});

function editor(articleId: string, cookie: string, options: { connect?: boolean } = {}): TestEditor {
  const e = connectEditor(running.url, articleId, cookie, options);
  open.push(e);
  return e;
}

/** The body's paragraphs as plain text. */
const paragraphsOf = (doc: Y.Doc) => (bodyOf(doc).content ?? []).map((p) => plainText(p).trim());

/** Adds a paragraph of text at the end of the body, as an editor does. */
function appendParagraph(doc: Y.Doc, text: string): void {
  const body = doc.getXmlFragment('body');
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(text)]);
  body.insert(body.length, [paragraph]);
}

/** The text node of the body's n-th paragraph. */
const paragraphText = (doc: Y.Doc, n: number) => (doc.getXmlFragment('body').get(n) as Y.XmlElement).get(0) as Y.XmlText;

/** Replaces the first `find` in a text node with `replace`, as two edits (delete, then type). */
function replaceIn(text: Y.XmlText, find: string, replace: string): void {
  const at = text.toString().indexOf(find);
  if (at < 0) throw new Error(`“${find}” is not in “${text.toString()}”`);
  text.doc!.transact(() => {
    text.delete(at, find.length);
    if (replace) text.insert(at, replace);
  });
}

async function transition(cookie: string, id: string, body: Record<string, unknown>): Promise<void> {
  const res = await api<{ message?: string }>(running.url, cookie, 'POST', `/api/articles/${id}/transitions`, body);
  expect(res.status, res.body.message).toBe(200);
}

const first = 'The Harbour Bridge will close to traffic every night for six weeks from Monday while engineers replace the expansion joints.';
const second = 'Night buses on routes 4 and 11 will divert through the old town, adding about eight minutes to a journey.';
const third = 'Cyclists and people on foot will still be able to cross on the eastern walkway, the department said.';

describe('changes since sign-off', () => {
  it('shows exactly the copy editor’s two changes after sign-off, attributed to her, and nothing to the reporter', async () => {
    const { author, copyEditor, publisher } = newsroom;
    const created = await api<ArticleDetail>(running.url, author.cookie, 'POST', '/api/articles', {});
    expect(created.status).toBe(201);
    const id = created.body.id;

    // The reporter writes the story in her editor.
    const reporter = editor(id, author.cookie);
    await reporter.synced;
    firstParagraphText(reporter.doc, 'headline').insert(0, 'Harbour bridge to close at night for six weeks');
    firstParagraphText(reporter.doc, 'standfirst').insert(0, 'Engineers replace the joints; buses divert.');
    firstParagraphText(reporter.doc, 'body').insert(0, first);
    appendParagraph(reporter.doc, second);
    appendParagraph(reporter.doc, third);
    await waitFor(async () => (await api<ArticleDetail>(running.url, author.cookie, 'GET', `/api/articles/${id}`)).body.wordCount > 50, 'the story to be stored');
    await transition(author.cookie, id, { action: 'submit' });

    // Nothing changed yet since a sign-off that has not happened.
    const before = await api<ChangesSinceSignOff>(running.url, copyEditor.cookie, 'GET', `/api/articles/${id}/changes-since-sign-off`);
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ signOff: null, diff: null, changes: [] });

    await transition(copyEditor.cookie, id, { action: 'sign_off' });
    reporter.destroy();
    await transition(publisher.cookie, id, { action: 'send_back', to: 'copy_edit', note: 'Check the closure length with the city.' });

    // The copy editor changes two sentences.
    const desk = editor(id, copyEditor.cookie);
    await desk.synced;
    replaceIn(paragraphText(desk.doc, 0), 'six', 'seven');
    replaceIn(paragraphText(desk.doc, 1), ' to a journey', '');
    await waitFor(async () => (await storedParagraphs(id))[1] === second.replace(' to a journey', ''), 'the desk’s changes to be stored');

    const res = await api<ChangesSinceSignOff>(running.url, publisher.cookie, 'GET', `/api/articles/${id}/changes-since-sign-off`);
    expect(res.status).toBe(200);
    const { signOff, diff, changes } = res.body;
    expect(signOff?.by?.id).toBe(copyEditor.id);
    expect(signOff?.version.name).toBe('Signed off by the copy desk');
    expect(diff?.to.id).toBe('live');

    expect(changes).toEqual([
      { field: 'body', deleted: 'six', inserted: 'seven', by: [{ id: copyEditor.id, name: copyEditor.name, color: expect.any(String) }], before: expect.stringContaining('night for') },
      { field: 'body', deleted: ' to a journey', inserted: '', by: [{ id: copyEditor.id, name: copyEditor.name, color: expect.any(String) }], before: expect.stringContaining('eight minutes') },
    ]);
    const changedSpans = diff!.blocks.flatMap((b) => b.spans.filter((s) => s.kind !== 'same'));
    expect(changedSpans.map((s) => [s.kind, s.text, s.by?.id])).toEqual([
      ['delete', 'six', copyEditor.id],
      ['insert', 'seven', copyEditor.id],
      ['delete', ' to a journey', copyEditor.id],
    ]);
    expect(diff!.authors.map((p) => p.id)).toEqual([copyEditor.id]);
    // Every other block reads the same, headline and standfirst included.
    expect(diff!.blocks.filter((b) => b.kind === 'same').map((b) => b.field)).toEqual(['headline', 'standfirst', 'body']);

    // The same comparison between two saved versions: the reporter's writing, attributed to her.
    const { body: list } = await api<{ versions: VersionInfo[] }>(running.url, author.cookie, 'GET', `/api/articles/${id}/versions`);
    expect(list.versions.map((v) => [v.name, v.kind, v.by?.id])).toEqual([
      ['Submitted to the copy desk', 'transition', author.id],
      ['Signed off by the copy desk', 'transition', copyEditor.id],
      ['Sent back', 'transition', publisher.id],
    ]);
    const writing = await api<VersionDiff>(running.url, author.cookie, 'GET', `/api/articles/${id}/versions/${list.versions[0].id}/diff/live`);
    expect(writing.body.authors.map((p) => p.id)).toEqual([copyEditor.id]);
    desk.destroy();
  });
});

/** The body's paragraphs as the server has them now. */
async function storedParagraphs(id: string): Promise<string[]> {
  const { body } = await api<ArticleDetail>(running.url, newsroom.admin.cookie, 'GET', `/api/articles/${id}`);
  return (body.body.content ?? []).map((p) => plainText(p).trim());
}

describe('a version saved by hand', () => {
  it('is listed with its name and who saved it, compares with the live text, and may be saved only by someone who may edit or suggest', async () => {
    const { author, otherWriter, copyEditor } = newsroom;
    const story = await createArticle({ articles: running.galley.articles }, { createdBy: author.id, headline: 'Night buses', standfirst: 'A pilot.', body: paragraphs(first, second) });
    const saved = await api<{ version: VersionInfo }>(running.url, author.cookie, 'POST', `/api/articles/${story.id}/versions`, { name: '  Before the desk  ' });
    expect(saved.status).toBe(201);
    expect(saved.body.version).toMatchObject({ name: 'Before the desk', kind: 'manual', by: { id: author.id, name: author.name } });

    // A reporter not on the byline only comments on a draft; the copy desk too.
    expect((await api(running.url, otherWriter.cookie, 'POST', `/api/articles/${story.id}/versions`, { name: 'Mine' })).status).toBe(403);
    expect((await api(running.url, copyEditor.cookie, 'POST', `/api/articles/${story.id}/versions`, { name: 'Mine' })).status).toBe(403);
    expect((await api(running.url, author.cookie, 'POST', `/api/articles/${story.id}/versions`, { name: '   ' })).status).toBe(400);

    const writer = editor(story.id, author.cookie);
    await writer.synced;
    paragraphText(writer.doc, 1).insert(second.length, ' Tickets stay the same.');
    await waitFor(async () => (await storedParagraphs(story.id))[1]?.endsWith('same.'), 'the edit to be stored');

    const diff = await api<VersionDiff>(running.url, otherWriter.cookie, 'GET', `/api/articles/${story.id}/versions/live/diff/${saved.body.version.id}`);
    expect(diff.status).toBe(200);
    expect(diff.body.from).toMatchObject({ id: saved.body.version.id, name: 'Before the desk' });
    expect(diff.body.to.id).toBe('live');
    expect(diff.body.blocks.flatMap((b) => b.spans.filter((s) => s.kind !== 'same')).map((s) => [s.kind, s.text, s.by?.id])).toEqual([['insert', ' Tickets stay the same.', author.id]]);

    expect((await api(running.url, author.cookie, 'GET', `/api/articles/${story.id}/versions/999999/diff/live`)).status).toBe(404);
    expect((await api(running.url, author.cookie, 'GET', `/api/articles/${story.id}/versions/first/diff/live`)).status).toBe(400);
    writer.destroy();
  });
});

describe('restoring a version', () => {
  it('reaches two connected editors and one that was offline, who keeps her own edit, with no paragraph twice', async () => {
    const { author, publisher, admin, otherWriter } = newsroom;
    const story = await createArticle({ articles: running.galley.articles }, { createdBy: author.id, headline: 'Harbour bridge to close', standfirst: 'Six weeks of nights.', body: paragraphs(first, second, third) });
    const id = story.id;
    const { body: saved } = await api<{ version: VersionInfo }>(running.url, author.cookie, 'POST', `/api/articles/${id}/versions`, { name: 'Before the rewrite' });

    const one = editor(id, author.cookie);
    const two = editor(id, publisher.cookie);
    const offline = editor(id, admin.cookie);
    await Promise.all([one.synced, two.synced, offline.synced]);
    offline.provider.disconnect();

    // The story is rewritten while the third editor is away.
    replaceIn(paragraphText(one.doc, 0), 'six weeks', 'two months');
    appendParagraph(one.doc, 'A fourth paragraph that the restore takes away.');
    firstParagraphText(one.doc, 'headline').insert(0, 'Update: ');
    await waitFor(() => paragraphsOf(two.doc).length === 4, 'the second editor to see the new paragraph');
    two.doc.getXmlFragment('body').delete(2, 1);
    await waitFor(() => paragraphsOf(one.doc).length === 3 && paragraphsOf(one.doc)[2].startsWith('A fourth'), 'the first editor to see the deletion');
    // Offline, the third editor adds a sentence to the second paragraph, which the rewrite left alone.
    paragraphText(offline.doc, 1).insert(second.length, ' Offline note.');

    // Someone who may not edit the story cannot restore it.
    expect((await api(running.url, otherWriter.cookie, 'POST', `/api/articles/${id}/versions/${saved.version.id}/restore`)).status).toBe(403);
    expect(paragraphsOf(one.doc)[0]).toContain('two months');

    const restored = await api<{ version: VersionInfo }>(running.url, publisher.cookie, 'POST', `/api/articles/${id}/versions/${saved.version.id}/restore`);
    expect(restored.status).toBe(200);
    expect(restored.body.version).toMatchObject({ name: 'Restored from “Before the rewrite”', kind: 'restore', by: { id: publisher.id } });

    for (const e of [one, two]) {
      await waitFor(() => JSON.stringify(paragraphsOf(e.doc)) === JSON.stringify([first, second, third]) && lineOf(e.doc, 'headline') === 'Harbour bridge to close', 'a connected editor to see the restored text');
    }

    offline.provider.connect();
    const expected = [first, `${second} Offline note.`, third];
    for (const e of [one, two, offline]) {
      await waitFor(() => JSON.stringify(paragraphsOf(e.doc)) === JSON.stringify(expected), `every editor to converge (${JSON.stringify(paragraphsOf(e.doc))})`);
      expect(lineOf(e.doc, 'headline')).toBe('Harbour bridge to close');
      expect(lineOf(e.doc, 'standfirst')).toBe('Six weeks of nights.');
    }
    expect(JSON.stringify(bodyOf(offline.doc))).toBe(JSON.stringify(bodyOf(one.doc)));
    expect(JSON.stringify(bodyOf(two.doc))).toBe(JSON.stringify(bodyOf(one.doc)));

    // The server has the same, and says who did what since the saved version: only the offline sentence is new.
    await waitFor(async () => JSON.stringify(await storedParagraphs(id)) === JSON.stringify(expected), 'the server to have the same text');
    const diff = await api<VersionDiff>(running.url, author.cookie, 'GET', `/api/articles/${id}/versions/${saved.version.id}/diff/live`);
    expect(diff.body.blocks.flatMap((b) => b.spans.filter((s) => s.kind !== 'same')).map((s) => [s.kind, s.text, s.by?.id])).toEqual([['insert', ' Offline note.', admin.id]]);

    // The text the restore replaced was kept; compared with the saved version, it shows the rewrite, each change by whoever made it.
    const { body: list } = await api<{ versions: VersionInfo[] }>(running.url, author.cookie, 'GET', `/api/articles/${id}/versions`);
    expect(list.versions.map((v) => v.name)).toEqual(['Before the rewrite', 'Before restoring “Before the rewrite”', 'Restored from “Before the rewrite”']);
    const rewrite = await api<VersionDiff>(running.url, author.cookie, 'GET', `/api/articles/${id}/versions/${list.versions[0].id}/diff/${list.versions[1].id}`);
    const changed = rewrite.body.blocks.flatMap((b) => b.spans.filter((s) => s.kind !== 'same')).map((s) => [s.kind, s.text, s.by?.id]);
    expect(changed).toEqual([
      ['insert', 'Update: ', author.id],
      ['delete', 'six weeks', author.id],
      ['insert', 'two months', author.id],
      ['delete', third, publisher.id],
      ['insert', 'A fourth paragraph that the restore takes away.', author.id],
    ]);
  });
});

describe('a version’s rendered story', () => {
  it('is kept as JSON and HTML by every save: by hand and at a workflow step', async () => {
    const { author } = newsroom;
    const story = await createArticle({ articles: running.galley.articles }, { createdBy: author.id, headline: 'Night buses', standfirst: 'A pilot.', body: paragraphs(first, second) });
    await api(running.url, author.cookie, 'POST', `/api/articles/${story.id}/versions`, { name: 'By hand' });
    await transition(author.cookie, story.id, { action: 'submit' });

    // Read from the database itself: the table is where the rendering is required to be.
    const db = openSqlite(running.dataDir);
    try {
      const versions = new VersionStore(db);
      const list = await versions.list(story.id);
      expect(list.map((v) => v.kind)).toEqual(['manual', 'transition']);
      for (const { id } of list) {
        const version = await versions.byId(story.id, id);
        expect(version?.html).toBe(`<p>${first}</p><p>${second}</p>`);
        expect(version?.json).toMatchObject({ headline: 'Night buses', standfirst: 'A pilot.', body: paragraphs(first, second), wordCount: expect.any(Number) });
      }
    } finally {
      await db.close();
    }
  });
});

describe('a restore that fails', () => {
  it('does not leave the room it opened loaded', async () => {
    const { author, publisher } = newsroom;
    const story = await createArticle({ articles: running.galley.articles }, { createdBy: author.id, headline: 'Corrupt', body: paragraphs(first) });
    expect(running.galley.collab.openRoom(story.id)).toBeUndefined();
    const corrupt = () => {
      throw new Error('the version does not decode');
    };
    await expect(running.galley.collab.applyServerChange(story.id, corrupt, new ServerEdit(publisher.id))).rejects.toThrow('the version does not decode');
    await waitFor(() => running.galley.collab.openRoom(story.id) === undefined, 'the room to be unloaded', 2000);
  });
});

/** A collab frame carrying one Yjs update, as a client sends it. */
function updateFrame(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  syncProtocol.writeUpdate(e, update);
  return encoding.toUint8Array(e);
}

/** What a raw client writes on top of `base` with the Yjs client `clientID`: the update it sends. */
function writeWith(base: Y.Doc, clientID: number, text: string): Uint8Array {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(base));
    doc.clientID = clientID;
    const before = Y.encodeStateVector(doc);
    paragraphText(doc, 0).insert(0, text);
    return Y.encodeStateAsUpdate(doc, before);
  } finally {
    doc.destroy();
  }
}

describe('a change written with a colleague’s Yjs client', () => {
  it('is refused and nothing of it is stored, while the same change under the sender’s own client is taken and credited to him', async () => {
    const { author, publisher } = newsroom;
    const story = await createArticle({ articles: running.galley.articles }, { createdBy: author.id, headline: 'Harbour bridge to close', body: paragraphs(first) });
    const { body: saved } = await api<{ version: VersionInfo }>(running.url, author.cookie, 'POST', `/api/articles/${story.id}/versions`, { name: 'Before' });
    const reporter = editor(story.id, author.cookie);
    await reporter.synced;
    paragraphText(reporter.doc, 0).insert(first.length, ' Her sentence.');
    await waitFor(async () => (await storedParagraphs(story.id))[0] === `${first} Her sentence.`, 'the reporter’s sentence to be stored');

    // The reporter's client id is in every item she wrote: anyone in the story can read it from the doc.
    const forger = await openRawSocket(running.url, story.id, publisher.cookie);
    forger.ws.send(updateFrame(writeWith(reporter.doc, reporter.doc.clientID, 'Forged. ')));
    expect(await forger.closed).toBe(CloseCodes.SuggestionsOnly.code);

    const honest = await openRawSocket(running.url, story.id, publisher.cookie);
    honest.ws.send(updateFrame(writeWith(reporter.doc, new Y.Doc().clientID, 'Checked. ')));
    const expected = `Checked. ${first} Her sentence.`;
    await waitFor(() => paragraphsOf(reporter.doc)[0] === expected, 'the publisher’s own change to reach the reporter');
    await running.galley.collab.openRoom(story.id)?.whenDurable();

    // The store holds the honest change and nothing of the forged one.
    const stored = new Y.Doc();
    applyStored(stored, await running.galley.docs.load(story.id));
    expect(paragraphsOf(stored)).toEqual([expected]);
    stored.destroy();
    expect(await storedParagraphs(story.id)).toEqual([expected]);

    const diff = await api<VersionDiff>(running.url, author.cookie, 'GET', `/api/articles/${story.id}/versions/${saved.version.id}/diff/live`);
    expect(diff.body.blocks.flatMap((b) => b.spans.filter((s) => s.kind !== 'same')).map((s) => [s.kind, s.text, s.by?.id])).toEqual([
      ['insert', 'Checked. ', publisher.id],
      // The word diff may take the full stop before her sentence rather than after it.
      ['insert', expect.stringContaining('Her sentence'), author.id],
    ]);
    honest.ws.close();
  });
});

describe('a change written with the client of a colleague on another instance', () => {
  it('is checked against the store, which knows the client’s writer even when this instance does not', async () => {
    const { author, publisher } = newsroom;
    const story = await createArticle({ articles: running.galley.articles }, { createdBy: author.id, headline: 'Harbour bridge to close', body: paragraphs(first) });
    const watcher = editor(story.id, publisher.cookie);
    await watcher.synced;
    // A story only read is not applied on the server; a change the server makes (here, none) applies it.
    await running.galley.collab.applyServerChange(story.id, () => null, new ServerEdit(publisher.id));
    const room = running.galley.collab.openRoom(story.id)!;

    // Another instance took the reporter's change, recorded her as its writer and passed it on.
    const elsewhere = new Y.Doc().clientID;
    const update = writeWith(watcher.doc, elsewhere, 'Elsewhere. ');
    const db = openSqlite(running.dataDir);
    try {
      await new AuthorshipStore(db).recordMany({ clients: [{ articleId: story.id, client: elsewhere, userId: author.id, at: new Date() }], deletions: [], at: new Date() });
    } finally {
      await db.close();
    }
    room.fromPeer({ kind: 'update', payload: update });
    await waitFor(() => paragraphsOf(watcher.doc)[0].startsWith('Elsewhere. '), 'the change from the other instance to arrive');

    const forger = await openRawSocket(running.url, story.id, publisher.cookie);
    forger.ws.send(updateFrame(writeWith(watcher.doc, elsewhere, 'Forged. ')));
    expect(await forger.closed).toBe(CloseCodes.SuggestionsOnly.code);

    // The reporter, reconnected here with the same client, goes on writing with it.
    const reporter = await openRawSocket(running.url, story.id, author.cookie);
    reporter.ws.send(updateFrame(writeWith(watcher.doc, elsewhere, 'Hers. ')));
    await waitFor(() => paragraphsOf(watcher.doc)[0] === `Hers. Elsewhere. ${first}`, 'the reporter’s change to arrive');
    reporter.ws.close();
  });
});
