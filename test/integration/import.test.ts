/** `POST /api/articles/import` on a real Galley: a story from pasted text or HTML becomes a new draft. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiError, ArticleDetail, ArticleSummary } from '../../shared/api';
import { bodySchema } from '../../shared/schema';
import { plainText } from '../../shared/text';
import { addUser, api, repoRoot, signIn, startGalley, type RunningGalley } from '../helpers/galley';

interface ImportResponse {
  article: ArticleSummary;
  imported: { headline: string; standfirst: string; heroCredit: string | null; aiNote: string | null; dropped: string[] };
}

const wireStory = fs.readFileSync(path.join(repoRoot, 'test/fixtures/wire-story.txt'), 'utf8');

let running: RunningGalley;
let cookie: string;

beforeAll(async () => {
  running = await startGalley();
  const writer = await addUser(running.galley, 'writer', 'Rosa Okafor');
  cookie = await signIn(running.url, writer);
});
afterAll(() => running.stop());

const importing = (body: unknown) => api<ImportResponse & ApiError>(running.url, cookie, 'POST', '/api/articles/import', body);

describe('POST /api/articles/import', () => {
  it('makes a draft of the wire story without its furniture', async () => {
    const res = await importing({ text: wireStory });
    expect(res.status).toBe(201);
    const { article, imported } = res.body;
    expect(article).toMatchObject({ state: 'draft', headline: 'Trump says, he “gets along well” with Putin – but did not wish him a happy birthday, Kremlin says' });
    expect(article.authors.map((a) => a.name)).toEqual(['Rosa Okafor']);
    expect(imported.heroCredit).toBe('Benjamin Applebaum / Wiki Commons');
    expect(imported.aiNote).toMatch(/^This article is made and published by Jens Asbjørn Bogen/);
    expect(imported.dropped).toContain('Ads by MGDK');

    const detail = await api<ArticleDetail>(running.url, cookie, 'GET', `/api/articles/${article.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.standfirst).toBe('It’s costumary for World Leaders to congratulate each other, despite political disagreements.');
    const body = detail.body.body;
    expect(() => bodySchema().nodeFromJSON(body).check()).not.toThrow();
    expect(body.content!.filter((b) => b.type === 'heading').map((b) => plainText(b).trim())).toEqual([
      'A complicated relationship',
      'Putin warns of irreparable damage',
      'Zelensky pushes for more Western weapons',
    ]);
    const text = plainText(body);
    for (const furniture of ['Homepage', 'Others are reading now', 'Also read', 'Ads by', 'Photo by', 'used AI']) expect(text).not.toContain(furniture);
    expect(detail.body.meta.aiNote).toBe(imported.aiNote);
    expect(detail.body.wordCount).toBeGreaterThan(200);
  });

  it('imports HTML', async () => {
    const html = '<article><h1>Floods close the coast road</h1><p>The road stays shut until Friday.</p><nav>Home News</nav><h2>Detours</h2><p>Take the A12 inland, the county says.</p></article>';
    const res = await importing({ html });
    expect(res.status).toBe(201);
    const detail = await api<ArticleDetail>(running.url, cookie, 'GET', `/api/articles/${res.body.article.id}`);
    expect(detail.body).toMatchObject({ headline: 'Floods close the coast road', standfirst: 'The road stays shut until Friday.' });
    expect(detail.body.html).toBe('<h2>Detours</h2><p>Take the A12 inland, the county says.</p>');
    expect(res.body.imported.dropped).toEqual(['nav: Home News']);
  });

  it('refuses empty input, both or neither kind, and unknown fields with 400', async () => {
    for (const body of [{ text: '' }, { text: '  \n\n ' }, {}, { text: 'a', html: '<p>a</p>' }, { text: 'Headline\n\nText.', extra: 1 }, { text: 42 }]) {
      const res = await importing(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body).toMatchObject({ error: 'validation_error', message: expect.any(String) });
    }
  });

  it('refuses more than 200 KB, counted in bytes', async () => {
    for (const text of [`Headline\n\n${'é'.repeat(110 * 1024)}`, `Headline\n\n${'word '.repeat(50 * 1024)}`]) {
      const res = await importing({ text });
      expect(res.status).toBe(413);
      expect(res.body.error).toBe('payload_too_large');
    }
  });

  it('answers 422 when there is no story in the input', async () => {
    for (const text of ['Just a headline', 'Others are reading now\n\nAds by MGDK', `${'A very long first line '.repeat(20)}\n\nBody text.`]) {
      const res = await importing({ text });
      expect(res.status, text).toBe(422);
      expect(res.body).toMatchObject({ error: 'unusable_import', message: expect.any(String) });
    }
  });

  it('needs a signed-in user', async () => {
    const res = await api<ApiError>(running.url, undefined, 'POST', '/api/articles/import', { text: wireStory });
    expect(res.status).toBe(401);
  });
});
