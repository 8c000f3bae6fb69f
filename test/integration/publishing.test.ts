/** Publishing through the workflow: a frozen revision, corrections, scheduled publication across a restart, and withdrawal. */
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiError, AuditEntry, PublicArticle } from '../../shared/api';
import { api, startGalley, tempDataDir, type RunningGalley } from '../helpers/galley';
import { connectEditor, firstParagraphText, waitFor } from '../helpers/editor';
import { makeNewsroom, readyStory } from '../helpers/newsroom';

let running: RunningGalley | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

describe('publishing', () => {
  it('serves the published revision, not the working copy, until the story is republished with a correction', async () => {
    running = await startGalley();
    const newsroom = await makeNewsroom(running.galley, running.url);
    const id = await readyStory(running.galley, newsroom.author.id, 'approval');
    const published = await api<{ slug: string }>(running.url, newsroom.publisher.cookie, 'POST', `/api/articles/${id}/transitions`, { action: 'publish' });
    expect(published.status).toBe(200);
    const slug = published.body.slug;
    expect(slug).toBe('harbour-bridge-to-close-for-six-weeks');

    const page = await fetch(`${running.url}/news/${slug}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Harbour bridge to close for six weeks');

    // The desk corrects the working copy; readers still see what was published.
    const desk = connectEditor(running.url, id, newsroom.copyEditor.cookie);
    await desk.synced;
    firstParagraphText(desk.doc, 'body').insert(0, 'Correction pending. ');
    await waitFor(async () => (await api<{ html: string }>(running!.url, newsroom.publisher.cookie, 'GET', `/api/articles/${id}`)).body.html.includes('Correction pending.'), 'the working copy to change');
    const before = await api<PublicArticle>(running.url, undefined, 'GET', `/api/public/articles/${slug}`);
    expect(before.body.html).not.toContain('Correction pending.');
    expect(before.body.revision).toBe(1);

    const noNote = await api<ApiError>(running.url, newsroom.publisher.cookie, 'POST', `/api/articles/${id}/transitions`, { action: 'republish' });
    expect(noNote.status).toBe(422);
    expect(noNote.body.error).toBe('correction_required');
    const republished = await api(running.url, newsroom.publisher.cookie, 'POST', `/api/articles/${id}/transitions`, { action: 'republish', note: 'An earlier version gave the wrong bus routes.' });
    expect(republished.status).toBe(200);
    const after = await api<PublicArticle>(running.url, undefined, 'GET', `/api/public/articles/${slug}`);
    expect(after.body.revision).toBe(2);
    expect(after.body.html).toContain('Correction pending.');
    expect(after.body.corrections.map((c) => c.note)).toEqual(['An earlier version gave the wrong bus routes.']);
    expect(await (await fetch(`${running.url}/news/${slug}`)).text()).toContain('An earlier version gave the wrong bus routes.');
    desk.destroy();
  });

  it('withdraws an unpublished story: its page answers 410 and it leaves the feed', async () => {
    running = await startGalley();
    const newsroom = await makeNewsroom(running.galley, running.url);
    const id = await readyStory(running.galley, newsroom.author.id, 'approval', 'Ferry strike called off at the last minute');
    const { body } = await api<{ slug: string }>(running.url, newsroom.publisher.cookie, 'POST', `/api/articles/${id}/transitions`, { action: 'publish' });
    expect(await (await fetch(`${running.url}/feed.xml`)).text()).toContain('Ferry strike called off at the last minute');
    expect((await api<ApiError>(running.url, newsroom.publisher.cookie, 'POST', `/api/articles/${id}/transitions`, { action: 'unpublish' })).body.error).toBe('note_required');
    expect((await api(running.url, newsroom.publisher.cookie, 'POST', `/api/articles/${id}/transitions`, { action: 'unpublish', note: 'Legal advice.' })).status).toBe(200);
    expect((await fetch(`${running.url}/news/${body.slug}`)).status).toBe(410);
    expect((await fetch(`${running.url}/api/public/articles/${body.slug}`)).status).toBe(410);
    expect(await (await fetch(`${running.url}/feed.xml`)).text()).not.toContain('Ferry strike called off');
  });

  it('publishes a scheduled story at its time even when the server was down, and leaves a failing one in approval', async () => {
    const dataDir = tempDataDir();
    running = await startGalley({ dataDir });
    const newsroom = await makeNewsroom(running.galley, running.url);
    const ready = await readyStory(running.galley, newsroom.author.id, 'approval', 'Library maps go online in March');
    const failing = await readyStory(running.galley, newsroom.author.id, 'approval', 'Museum roof repairs finished early');
    const at = new Date(Date.now() + 1500).toISOString();
    for (const id of [ready, failing]) {
      const res = await api<{ scheduledAt: string }>(running.url, newsroom.publisher.cookie, 'POST', `/api/articles/${id}/transitions`, { action: 'schedule', at });
      expect(res.status).toBe(200);
      expect(res.body.scheduledAt).toBe(at);
    }
    await running.stop();
    running = undefined;
    // While the server is down, the byline of one story is emptied, so its checklist fails at the time.
    const { openSqlite } = await import('../../server/store/sqlite');
    const db = openSqlite(dataDir);
    await db.run('DELETE FROM article_authors WHERE article_id = ?', [failing]);
    await db.close();

    await new Promise((r) => setTimeout(r, 1600));
    running = await startGalley({ dataDir });
    await waitFor(async () => (await running!.galley.articles.byId(ready))!.state === 'published', 'the scheduled story to be published', 5000);
    await waitFor(async () => (await running!.galley.articles.byId(failing))!.state === 'approval', 'the failing story to return to approval', 5000);
    expect((await fetch(`${running.url}/news/library-maps-go-online-in-march`)).status).toBe(200);

    // Sessions live in the database, so the publisher is still signed in after the restart.
    const log = async (id: string) => (await api<{ events: AuditEntry[] }>(running!.url, newsroom.publisher.cookie, 'GET', `/api/articles/${id}/events`)).body.events.at(-1)!;
    expect(await log(ready)).toMatchObject({ action: 'scheduled_publish', from: 'scheduled', to: 'published', by: null });
    const failed = await log(failing);
    expect(failed).toMatchObject({ action: 'schedule_failed', from: 'scheduled', to: 'approval', by: null });
    expect(failed.note).toContain('At least one author on the byline.');
    const notes = await api<{ notifications: { kind: string; articleId: string }[] }>(running.url, newsroom.publisher.cookie, 'GET', '/api/notifications');
    expect(notes.body.notifications).toContainEqual(expect.objectContaining({ kind: 'schedule_failed', articleId: failing }));
  });
});
