import fs from 'node:fs';
import path from 'node:path';
import dictionaryEn from 'dictionary-en';
import { beforeAll, describe, expect, it } from 'vitest';
import { NewsroomWords } from './newsroomWords';
import { runChecks } from './runChecks';
import { createSpeller, withFixes, withoutFixes } from './speller';
import { SpellingRule } from './spelling';
import type { CheckInput, Speller } from './types';

let speller: Speller;
beforeAll(() => {
  speller = createSpeller(dictionaryEn);
});

const story = (body: string, more: Partial<CheckInput> = {}): CheckInput => ({ headline: '', standfirst: '', body: [body], ...more });
/** The misspellings found, as `word → fix` (or the word alone without a suggestion). */
function misspelt(input: CheckInput, words: string[] = []): string[] {
  return runChecks(input, { dictionary: speller, words, rules: [] })
    .filter((p) => p.rule === SpellingRule)
    .map((p) => (p.fix ? `${p.text} → ${p.fix}` : p.text));
}

describe('spelling', () => {
  it('flags a misspelling with the dictionary’s suggestion', () => {
    expect(misspelt(story('It is costumary for leaders to congratulate each other.'))).toEqual(['costumary → customary']);
  });

  it('leaves correct English alone, with possessives, contractions and curly apostrophes', () => {
    expect(misspelt(story('It’s customary; the leaders’ talks didn’t end, and the country’s relations were well-known.'))).toEqual([]);
  });

  it('accepts British spellings and closed compounds, still catching typos in them', () => {
    expect(misspelt(story('The harbour’s colour, the centre’s defence and the organised travellers criticised the programme of ropemakers on the footway, say councillors.'))).toEqual([]);
    expect(misspelt(story('The harbuor and the ropemakres.'))).toEqual(['harbuor → harbor', 'ropemakres']);
  });

  it('checks each part of a hyphenated word', () => {
    expect(misspelt(story('A well-knwon plan.'))).toEqual(['knwon → known']);
  });

  it('keeps the capital of a misspelt first word in its fix', () => {
    expect(misspelt(story('Costumary greetings were sent.'))).toEqual(['Costumary → Customary']);
  });

  it('does not flag names, acronyms, URLs, emails, handles or figures', () => {
    const text =
      'Spokesman Dmitry Peskov told EFE and Agerpres, and POTUS said so. Agerpres later confirmed it. Write to desk@galleynews.example or see https://galleynews.example/storiez and galleynews.org. Follow @galleydesk and #kyivtalks; a 5km run and 3rd place.';
    expect(misspelt(story(text))).toEqual([]);
  });

  it('knows the newsroom’s words, in any case', () => {
    expect(misspelt(story('Zelensky was in Kyiv; the standfirst and byline are set. Standfirst first.'))).toEqual([]);
    expect(NewsroomWords).toContain('Zelensky');
  });

  it('accepts words the desk added', () => {
    expect(misspelt(story('The dek is ready.'))).toEqual(['dek → eek']);
    expect(misspelt(story('The dek is ready.'), ['Dek'])).toEqual([]);
  });

  it('checks the headline and standfirst too', () => {
    expect(misspelt({ headline: 'Leaders send greetngs', standfirst: 'A costumary call.', body: [] })).toEqual(['greetngs → greetings', 'costumary → customary']);
  });

  it('finds the same problems without suggestions, only without fixes, and notes the words to fix', () => {
    const input = story('Costumary greetngs were sent; the harbuor, the greetngs.');
    const strip = (p: { fix?: string; message: string }) => ({ ...p, fix: undefined, message: undefined });
    const asked = new Set<string>();
    const without = runChecks(input, { dictionary: withoutFixes(speller, asked) });
    expect(without.map(strip)).toEqual(runChecks(input, { dictionary: speller }).map(strip));
    expect(without.filter((p) => p.fix !== undefined)).toEqual([]);
    expect([...asked]).toEqual(['costumary', 'greetngs', 'harbuor']);
    const someFixed = runChecks(input, { dictionary: withFixes(speller, new Map([['greetngs', ['greetings']]])), rules: [] });
    expect(someFixed.map((p) => `${p.text} → ${p.fix ?? ''}`)).toEqual(['Costumary → ', 'greetngs → greetings', 'harbuor → ', 'greetngs → greetings']);
    // A suggestion that is the word itself is no fix, and the problem stays.
    const echo: Speller = { correct: () => false, suggest: (w) => [w] };
    expect(runChecks(story('zqx'), { dictionary: echo, rules: [] }).map((p) => [p.text, p.fix])).toEqual([['zqx', undefined]]);
  });

  it('is skipped while no dictionary is loaded', () => {
    expect(runChecks(story('costumary'), { rules: [] })).toEqual([]);
  });

  it('finds only “costumary” in the wire story', () => {
    const wire = fs.readFileSync(path.resolve(import.meta.dirname, '../../test/fixtures/wire-story.txt'), 'utf8');
    const paragraphs = wire.split(/\n+/).filter((p) => p.trim());
    expect(misspelt(story('', { body: paragraphs }))).toEqual(['costumary → customary']);
  });
});
