/**
 * Spelling and house-style checks on a real Galley: the imported wire story's “costumary” is found with
 * its fix, the copy desk dismisses and restores problems, the publish checklist counts what is left, and
 * the newsroom dictionary grows.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiError, ArticleDetail, ArticleSummary } from '../../shared/api';
import type { ChecksReport, Dismissal, DictionaryWords } from '../../shared/checks/types';
import { createArticle } from '../../server/articles/createArticle';
import { paragraphs } from '../../server/articles/seed';
import { api, repoRoot, startGalley, type RunningGalley } from '../helpers/galley';
import { makeNewsroom, readyBody, type Newsroom } from '../helpers/newsroom';

const wireStory = fs.readFileSync(path.join(repoRoot, 'test/fixtures/wire-story.txt'), 'utf8');

let running: RunningGalley;
let newsroom: Newsroom;
let wireId: string;

beforeAll(async () => {
  running = await startGalley();
  newsroom = await makeNewsroom(running.galley, running.url);
  const imported = await api<{ article: ArticleSummary }>(running.url, newsroom.author.cookie, 'POST', '/api/articles/import', { text: wireStory });
  expect(imported.status).toBe(201);
  wireId = imported.body.article.id;
});
afterAll(() => running.stop());

const checksOf = async (id: string, cookie = newsroom.copyEditor.cookie) => {
  const res = await api<ChecksReport>(running.url, cookie, 'GET', `/api/articles/${id}/checks`);
  expect(res.status).toBe(200);
  return res.body;
};
const checklistItem = async (id: string) => (await api<ArticleDetail>(running.url, newsroom.publisher.cookie, 'GET', `/api/articles/${id}`)).body.checklist.find((i) => i.rule === 'checks')!;
const dismiss = (id: string, cookie: string, body: unknown) => api<Dismissal & ApiError>(running.url, cookie, 'POST', `/api/articles/${id}/checks/dismissals`, body);

describe('checks of a story', () => {
  it('flag “costumary” in the imported wire story, with “customary” as the fix and its context', async () => {
    const report = await checksOf(wireId);
    const costumary = report.problems.filter((p) => p.text === 'costumary');
    expect(costumary).toHaveLength(1);
    expect(costumary[0]).toMatchObject({ rule: 'spelling', field: 'standfirst', fix: 'customary', context: { before: 'It’s ', after: expect.stringMatching(/^ for World Leaders/) } });
    expect(costumary[0].dismissal).toBeUndefined();
    // The wire copy breaks house style too: American dates and a cliché.
    expect(report.problems.map((p) => `${p.rule}: ${p.text} → ${p.fix ?? ''}`)).toEqual(
      expect.arrayContaining(['date_form: October 7 → 7 October', 'date_form: June 14 → 14 June', 'cliche: war-torn → ']),
    );
    expect(report.unresolved).toBe(report.problems.length);
    // A reporter reads the same report.
    expect((await checksOf(wireId, newsroom.author.cookie)).problems).toEqual(report.problems);
  });

  it('a copy editor dismisses a problem with a reason: the count and the checklist go down; undoing brings it back', async () => {
    const before = await checksOf(wireId);
    expect(await checklistItem(wireId)).toMatchObject({ ok: false, message: expect.stringContaining(`(now ${before.unresolved})`) });

    const res = await dismiss(wireId, newsroom.copyEditor.cookie, { rule: 'spelling', text: 'costumary', reason: 'The wire’s spelling, quoted.' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ rule: 'spelling', text: 'costumary', reason: 'The wire’s spelling, quoted.', dismissedBy: { name: 'Inès Moreau' } });

    const after = await checksOf(wireId);
    expect(after.unresolved).toBe(before.unresolved - 1);
    expect(after.problems.find((p) => p.text === 'costumary')!.dismissal).toMatchObject({ id: res.body.id, reason: 'The wire’s spelling, quoted.' });
    expect(after.dismissals.map((d) => d.text)).toEqual(['costumary']);
    expect(await checklistItem(wireId)).toMatchObject({ message: expect.stringContaining(`(now ${before.unresolved - 1})`) });

    // Dismissing again replaces the reason; it is still one dismissal.
    const again = await dismiss(wireId, newsroom.publisher.cookie, { rule: 'spelling', text: 'costumary', reason: 'Kept as sent.' });
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ id: res.body.id, reason: 'Kept as sent.', dismissedBy: { name: 'Sam Achebe' } });

    const undo = await api(running.url, newsroom.copyEditor.cookie, 'DELETE', `/api/articles/${wireId}/checks/dismissals/${res.body.id}`);
    expect(undo.status).toBe(204);
    expect((await checksOf(wireId)).unresolved).toBe(before.unresolved);
    expect((await api<ApiError>(running.url, newsroom.copyEditor.cookie, 'DELETE', `/api/articles/${wireId}/checks/dismissals/${res.body.id}`)).status).toBe(404);
  });

  it('the publish checklist refuses a story with an unresolved problem, and passes once it is dismissed', async () => {
    const article = await createArticle(
      { articles: running.galley.articles },
      {
        createdBy: newsroom.author.id,
        headline: 'Harbour bridge to close for six weeks',
        standfirst: 'It is costumary to close it in winter.',
        body: readyBody,
      },
    );
    await running.galley.articles.applyStateChange(article.id, { state: 'approval' }, new Date());
    const report = await checksOf(article.id);
    expect(report.problems.map((p) => [p.rule, p.text, p.fix])).toEqual([['spelling', 'costumary', 'customary']]);
    expect(await checklistItem(article.id)).toMatchObject({ ok: false });

    const refused = await api<ApiError>(running.url, newsroom.publisher.cookie, 'POST', `/api/articles/${article.id}/transitions`, { action: 'publish' });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ error: 'checklist', details: { failing: [expect.objectContaining({ rule: 'checks' })] } });

    expect((await dismiss(article.id, newsroom.copyEditor.cookie, { rule: 'spelling', text: 'costumary', reason: 'House usage.' })).status).toBe(201);
    expect(await checklistItem(article.id)).toMatchObject({ ok: true });
    const published = await api<{ state: string }>(running.url, newsroom.publisher.cookie, 'POST', `/api/articles/${article.id}/transitions`, { action: 'publish' });
    expect(published.status).toBe(200);
    expect(published.body.state).toBe('published');
  });

  it('a dismissal holds for one story only', async () => {
    const other = await createArticle({ articles: running.galley.articles }, { createdBy: newsroom.author.id, headline: 'Customs at the port', standfirst: 'A costumary check.', body: paragraphs('Nothing else.') });
    expect((await checksOf(other.id)).problems.find((p) => p.text === 'costumary')!.dismissal).toBeUndefined();
  });

  it('refuses a reporter who tries to dismiss (403) and changes nothing', async () => {
    const before = await checksOf(wireId);
    const res = await dismiss(wireId, newsroom.author.cookie, { rule: 'spelling', text: 'costumary', reason: 'I like it.' });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ error: 'forbidden', message: expect.any(String) });
    expect(await checksOf(wireId)).toEqual(before);
  });

  it('answers a bad body with 400 and a JSON error, and an unknown story with 404', async () => {
    const bodies = [
      {},
      { rule: 'spelling', text: 'costumary' },
      { rule: 'spelling', text: 'costumary', reason: '   ' },
      { rule: 'no_such_rule', text: 'costumary', reason: 'Why not.' },
      { rule: 'spelling', text: '', reason: 'Empty.' },
      { rule: 'spelling', text: 42, reason: 'A number.' },
      { rule: 'spelling', text: 'costumary', reason: 'Fine.', extra: true },
      { rule: 'spelling', text: 'x'.repeat(2001), reason: 'Too long.' },
    ];
    for (const body of bodies) {
      const res = await dismiss(wireId, newsroom.copyEditor.cookie, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body).toMatchObject({ error: 'validation_error', message: expect.any(String) });
    }
    const notJson = await fetch(`${running.url}/api/articles/${wireId}/checks/dismissals`, {
      method: 'POST',
      headers: { cookie: newsroom.copyEditor.cookie, 'content-type': 'application/json' },
      body: '{"rule": "spelling",',
    });
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({ error: expect.any(String), message: expect.any(String) });
    expect((await api(running.url, newsroom.copyEditor.cookie, 'GET', '/api/articles/no-such-story/checks')).status).toBe(404);
    expect((await dismiss('no-such-story', newsroom.copyEditor.cookie, { rule: 'spelling', text: 'a', reason: 'b' })).status).toBe(404);
    expect((await api(running.url, newsroom.copyEditor.cookie, 'DELETE', `/api/articles/${wireId}/checks/dismissals/not-a-number`)).status).toBe(404);
  });
});

describe('the newsroom dictionary', () => {
  it('takes a word from the copy desk, and the checks stop flagging it', async () => {
    const story = await createArticle({ articles: running.galley.articles }, { createdBy: newsroom.author.id, headline: 'Subs cut the dek again', standfirst: 'The dek went.', body: paragraphs('A new dek.') });
    expect((await checksOf(story.id)).problems.filter((p) => p.rule === 'spelling').map((p) => p.text)).toEqual(['dek', 'dek', 'dek']);

    expect((await api<ApiError>(running.url, newsroom.author.cookie, 'POST', '/api/dictionary', { word: 'dek' })).status).toBe(403);
    const added = await api<DictionaryWords>(running.url, newsroom.copyEditor.cookie, 'POST', '/api/dictionary', { word: 'dek' });
    expect(added.status).toBe(201);
    expect(added.body.added).toEqual([expect.objectContaining({ word: 'dek', addedBy: expect.objectContaining({ name: 'Inès Moreau' }) })]);
    expect(added.body.builtIn).toContain('standfirst');
    // Once, whatever the case.
    expect((await api(running.url, newsroom.admin.cookie, 'POST', '/api/dictionary', { word: 'Dek' })).status).toBe(200);

    const listed = await api<DictionaryWords>(running.url, newsroom.author.cookie, 'GET', '/api/dictionary');
    expect(listed.status).toBe(200);
    expect(listed.body.added.map((w) => w.word)).toEqual(['dek']);
    const report = await checksOf(story.id);
    expect(report.problems.filter((p) => p.rule === 'spelling')).toEqual([]);
    expect(report.words).toEqual(['dek']);
  });

  it('refuses what is not one word with 400', async () => {
    for (const body of [{}, { word: '' }, { word: 'two words' }, { word: 'x' }, { word: 'r2d2' }, { word: 'ok', extra: 1 }, { word: 'a'.repeat(65) }]) {
      const res = await api<ApiError>(running.url, newsroom.copyEditor.cookie, 'POST', '/api/dictionary', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error).toBe('validation_error');
    }
  });
});

// Last in the file: the fix worker may still be looking up some of these words after the test.
describe('a story of 500 distinct nonsense words', () => {
  it('is counted on the article page and reported in full, with fixes for at most 30 words', async () => {
    const letters = 'bdfgklmnprstvz';
    const words = Array.from({ length: 500 }, (_, i) => `zq${letters[i % 14]}${letters[Math.floor(i / 14) % 14]}${letters[Math.floor(i / 196) % 14]}uxvorbat`);
    const texts: string[] = [];
    for (let i = 0; i < words.length; i += 10) texts.push(`The ${words.slice(i, i + 10).join(' and ')} met.`);
    const story = await createArticle({ articles: running.galley.articles }, { createdBy: newsroom.author.id, headline: 'Harbour bridge to close for six weeks', standfirst: 'The council voted.', body: paragraphs(...texts) });

    expect(await checklistItem(story.id)).toMatchObject({ ok: false, message: expect.stringContaining('(now 500)') });
    const report = await checksOf(story.id);
    expect(report.unresolved).toBe(500);
    expect(report.problems.map((p) => p.text)).toEqual(words);
    expect(report.problems.filter((p) => p.fix !== undefined).length).toBeLessThanOrEqual(30);
    expect(await checklistItem(story.id)).toMatchObject({ message: expect.stringContaining('(now 500)') });
  });
});
