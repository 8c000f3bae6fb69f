/** A client that goes offline keeps editing; when it comes back, both sides' edits merge. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArticleDetail } from '../../shared/api';
import { addUser, api, signIn, startGalley, type RunningGalley } from '../helpers/galley';
import { bodyOf, connectEditor, firstParagraphText, lineOf, waitFor } from '../helpers/editor';

let running: RunningGalley;
beforeAll(async () => {
  running = await startGalley();
});
afterAll(() => running.stop());

describe('offline editing', () => {
  it('merges edits made on both sides while one client was disconnected', async () => {
    const cookie = await signIn(running.url, await addUser(running.galley, 'writer'));
    const { body: created } = await api<ArticleDetail>(running.url, cookie, 'POST', '/api/articles', { headline: 'Harbour' });
    const away = connectEditor(running.url, created.id, cookie);
    const desk = connectEditor(running.url, created.id, cookie);
    await Promise.all([away.synced, desk.synced]);

    away.provider.disconnect();
    await waitFor(() => !away.provider.wsconnected, 'the client to go offline');
    firstParagraphText(away.doc, 'headline').insert(lineOf(away.doc, 'headline').length, ' reopens');
    firstParagraphText(away.doc, 'body').insert(0, 'Written on the train.');
    firstParagraphText(desk.doc, 'standfirst').insert(0, 'Ferries resume at noon.');
    await new Promise((r) => setTimeout(r, 200));
    expect(lineOf(desk.doc, 'headline')).toBe('Harbour');
    expect(lineOf(away.doc, 'standfirst')).toBe('');

    away.provider.connect();
    const both = (doc: typeof away.doc) =>
      lineOf(doc, 'headline') === 'Harbour reopens' &&
      lineOf(doc, 'standfirst') === 'Ferries resume at noon.' &&
      bodyOf(doc).content?.[0].content?.[0].text === 'Written on the train.';
    await waitFor(() => both(away.doc) && both(desk.doc), 'both clients to hold both edits');

    const served = await api<ArticleDetail>(running.url, cookie, 'GET', `/api/articles/${created.id}`);
    expect(served.body).toMatchObject({ headline: 'Harbour reopens', standfirst: 'Ferries resume at noon.' });
    expect(served.body.html).toContain('<p>Written on the train.</p>');
    away.destroy();
    desk.destroy();
  });
});
