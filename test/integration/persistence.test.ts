/** A story outlives its room and the server: restart, reload and compaction lose nothing. */
import { afterEach, describe, expect, it } from 'vitest';
import type { ArticleDetail } from '../../shared/api';
import { addUser, api, signIn, startGalley, tempDataDir, type RunningGalley } from '../helpers/galley';
import { bodyOf, connectEditor, firstParagraphText, lineOf, waitFor } from '../helpers/editor';
import { randomEdit, seededRandom } from '../helpers/randomEdits';

let running: RunningGalley | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

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
