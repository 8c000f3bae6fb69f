/**
 * The checks service over a story full of nonsense words: counting its problems asks for no suggestion,
 * and a report asks for a bounded number, whatever the story holds; and the fix worker.
 */
import dictionaryEn from 'dictionary-en';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSpeller } from '../../shared/checks/speller';
import { SpellingRule } from '../../shared/checks/spelling';
import type { Speller } from '../../shared/checks/types';
import { Engines, openEngine } from '../../test/helpers/databases';
import type { RenderedArticle } from '../articles/render';
import type { Database } from '../store/database';
import { ChecksService } from './ChecksService';
import { CheckStore } from './CheckStore';
import { spellingFixesFrom, WorkerSpellingFixes } from './SpellingFixes';

/** `count` distinct lowercase words that are in no dictionary. */
function nonsenseWords(count: number): string[] {
  const letters = 'bdfgklmnprstvz';
  return Array.from({ length: count }, (_, i) => `zq${letters[i % 14]}${letters[Math.floor(i / 14) % 14]}${letters[Math.floor(i / 196) % 14]}ux`);
}

/** A rendered story: a sound headline and standfirst, and `words` ten to a paragraph. */
function storyOf(words: string[]): RenderedArticle {
  const paragraphs: string[] = [];
  for (let i = 0; i < words.length; i += 10) paragraphs.push(`The ${words.slice(i, i + 10).join(' and ')} met.`);
  const body = { type: 'doc', content: paragraphs.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })) };
  return { headline: 'Council approves night buses', standfirst: 'The vote was close.', body, html: '', wordCount: 0, meta: {} as RenderedArticle['meta'] };
}

const engine = Engines[0];
let db: Database;
let close: () => Promise<void>;
let store: CheckStore;
let english: Speller;
const at = new Date('2026-11-27T10:00:00Z');

beforeAll(async () => {
  ({ db, close } = await openEngine(engine));
  store = new CheckStore(db);
  await db.run('INSERT INTO users (id, email, name, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)', ['u1', 'ines@galley.test', 'Inès Moreau', 'copy_editor', 'x', at.toISOString()]);
  await db.run('INSERT INTO articles (id, created_by, created_at, updated_at) VALUES (?, ?, ?, ?)', ['a1', 'u1', at.toISOString(), at.toISOString()]);
  english = createSpeller(dictionaryEn);
});
afterAll(() => close());

describe(`ChecksService on ${engine}, a story of 500 distinct nonsense words`, () => {
  const words = nonsenseWords(500);
  const story = storyOf(words);
  // The English speller, counting the suggestions asked of it (and answering them at once).
  const suggested: string[] = [];
  const counting: Speller = {
    correct: (word) => english.correct(word),
    suggest: (word) => (suggested.push(word), ['zebra']),
  };
  const checks = () => new ChecksService({ store, reader: { render: async () => story }, speller: async () => counting, fixes: spellingFixesFrom(counting) });

  it('counts its 500 problems without asking for a single suggestion', async () => {
    expect(new Set(words).size).toBe(500);
    expect(await checks().unresolved('a1', story)).toBe(500);
    expect(suggested).toEqual([]);
  });

  it('reports every problem, with fixes for the first 30 distinct words only, and asks no more next time', async () => {
    suggested.length = 0;
    const service = checks();
    const report = await service.report('a1');
    expect(report.unresolved).toBe(500);
    expect(report.problems.map((p) => [p.rule, p.text])).toEqual(words.map((w) => [SpellingRule, w]));
    expect(suggested).toEqual(words.slice(0, 30));
    expect(report.problems.filter((p) => p.fix).map((p) => p.text)).toEqual(words.slice(0, 30));
    expect(report.problems[0]).toMatchObject({ fix: 'zebra', message: expect.stringContaining('“zebra”?') });
    expect(report.problems[30].fix).toBeUndefined();

    // The same story again: remembered, for the report and the count alike.
    expect(await service.report('a1')).toEqual(report);
    expect(await service.unresolved('a1', story)).toBe(500);
    expect(suggested).toHaveLength(30);

    // A dismissal changes what the checks read: checked again, with the same bound.
    await store.dismiss({ articleId: 'a1', rule: SpellingRule, text: words[0], reason: 'A name.', userId: 'u1', at });
    const after = await service.report('a1');
    expect(after.unresolved).toBe(499);
    expect(suggested).toHaveLength(60);
    expect(await service.unresolved('a1', story)).toBe(499);
    expect(suggested).toHaveLength(60);
  });
});

describe('WorkerSpellingFixes', () => {
  const fixes = new WorkerSpellingFixes();
  afterAll(() => fixes.close());

  it('finds fixes in a worker thread', async () => {
    expect(await fixes.lookUp(['costumary', 'greetngs'], 60_000)).toEqual(
      new Map([
        ['costumary', ['customary']],
        ['greetngs', ['greetings']],
      ]),
    );
  });

  it('answers without the words not found in time, and has them for the next look-up', async () => {
    // A short word with nothing near it keeps nspell busy for hundreds of milliseconds, far beyond no wait at all.
    const answer = await fixes.lookUp(['costumary', 'zqvmuv'], 0);
    expect(answer).toEqual(new Map([['costumary', ['customary']]]));
    expect(await fixes.lookUp(['zqvmuv'], 60_000)).toEqual(new Map([['zqvmuv', expect.any(Array)]]));
    expect(answer.has('zqvmuv')).toBe(false);
  });
});
