/** Five real y-websocket clients edit one story at once; everyone, and the API, ends identical. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { ArticleDetail } from '../../shared/api';
import { addUser, api, signIn, startGalley, type RunningGalley } from '../helpers/galley';
import { bodyOf, connectEditor, lineOf, waitFor, type TestEditor } from '../helpers/editor';
import { randomEdit, seededRandom } from '../helpers/randomEdits';

let running: RunningGalley;
let cookie: string;

beforeAll(async () => {
  running = await startGalley();
  cookie = await signIn(running.url, await addUser(running.galley, 'writer'));
});
afterAll(() => running.stop());

describe('convergence', () => {
  it('five clients making 200 random concurrent edits each end identical to each other and to GET /api/articles/:id', async () => {
    const created = await api<ArticleDetail>(running.url, cookie, 'POST', '/api/articles', { headline: 'Storm closes the harbour' });
    expect(created.status).toBe(201);
    const id = created.body.id;

    const editors: TestEditor[] = Array.from({ length: 5 }, () => connectEditor(running.url, id, cookie));
    await Promise.all(editors.map((e) => e.synced));
    for (const e of editors) expect(lineOf(e.doc, 'headline')).toBe('Storm closes the harbour');

    await Promise.all(
      editors.map(async (editor, n) => {
        const random = seededRandom(1000 + n);
        for (let i = 0; i < 200; i++) {
          randomEdit(editor.doc, random);
          // Yield now and then so the five clients' edits interleave on the server.
          if (random() < 0.3) await new Promise((r) => setTimeout(r, random() * 5));
        }
      }),
    );

    // State vectors do not show deletions, so compare the content itself, until everyone agrees.
    const snapshot = (doc: Y.Doc) => JSON.stringify({ headline: lineOf(doc, 'headline'), body: bodyOf(doc) });
    const converged = () => {
      const first = snapshot(editors[0].doc);
      return editors.every((e) => snapshot(e.doc) === first);
    };
    await waitFor(converged, 'all five clients to hold the same story', 30_000);

    const headline = lineOf(editors[0].doc, 'headline');
    const body = bodyOf(editors[0].doc);
    // 1,000 edits really happened: the text grew well beyond the seed.
    expect(JSON.stringify(body).length).toBeGreaterThan(2000);
    expect(headline.length).toBeGreaterThan(30);

    const served = await api<ArticleDetail>(running.url, cookie, 'GET', `/api/articles/${id}`);
    expect(served.status).toBe(200);
    expect(served.body.headline).toBe(headline);
    expect(served.body.body).toEqual(body);
    expect(served.body.wordCount).toBeGreaterThan(100);

    for (const e of editors) e.destroy();
  });

  it('keeps thirty editors of one story connected, each seeing everyone’s presence', async () => {
    const created = await api<ArticleDetail>(running.url, cookie, 'POST', '/api/articles', { headline: 'Election night live' });
    const join = async (n: number, from: number) => {
      const joined: TestEditor[] = Array.from({ length: n }, () => connectEditor(running.url, created.body.id, cookie));
      await Promise.all(joined.map((e) => e.synced));
      joined.forEach((e, i) => e.provider.awareness.setLocalStateField('cursor:body', { n: from + i }));
      return joined;
    };
    const early = await join(20, 0);
    await waitFor(() => early.every((e) => e.provider.awareness.getStates().size === 20), 'the first twenty to see each other', 20_000);
    // Late joiners receive twenty states at once, and the stock provider relays them all back.
    const late = await join(10, 20);
    const editors = [...early, ...late];
    await waitFor(() => editors.every((e) => e.provider.awareness.getStates().size === 30), 'every editor to see all thirty', 20_000);
    expect(editors.every((e) => e.provider.wsconnected)).toBe(true);
    for (const e of editors) e.destroy();
  });
});
