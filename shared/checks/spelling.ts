/**
 * Spelling, against a Hunspell dictionary (nspell) plus the newsroom's own words. What is not flagged:
 * words with capitals inside a sentence (names: Peskov, Kyiv) or anywhere in capitals (NATO) or with an
 * inner capital (iPhone); a capitalised first word that appears as a name elsewhere in the story; words
 * touching figures (5km), handles and hashtags; URLs and email addresses (hidden by `hiddenSpans`).
 *
 * The dictionary is American English (`dictionary-en`), while the house style is British: a word is
 * also right when its American form is (harbour → harbor, criticised → criticized, centre → center).
 * A closed compound of two known words of three letters or more passes too (ropemakers, footway).
 */
import { matchCase, startsSentence } from './houseStyle';
import { normalizeWord } from './newsroomWords';
import type { CheckRule, Finding, Speller } from './types';

/** The rule id spelling problems carry. */
export const SpellingRule = 'spelling';

// Letters, with apostrophes and hyphens only between letters.
const wordPattern = /\p{L}(?:\p{L}|\p{M}|['’-](?=\p{L}))*/gu;

// British endings and their American forms, tried one at a time.
const britishToAmerican: [RegExp, string][] = [
  [/our(s|ed|ing|ful|able|ite|ites|ism)?$/, 'or$1'],
  [/is(e|es|ed|ing|ation|ations|er|ers)$/, 'iz$1'],
  [/ys(e|es|ed|ing)$/, 'yz$1'],
  [/tre(s|d)?$/, 'ter$1'],
  [/ogue(s)?$/, 'og$1'],
  [/ence(s)?$/, 'ense$1'],
  [/ll(ed|ing|er|ers|or|ors)$/, 'l$1'],
  [/mme(s)?$/, 'm$1'],
  [/euvre(s|d)?$/, 'euver$1'],
  [/ae/, 'e'],
  [/oe/, 'e'],
];

/** Whether a word is known: to the newsroom, or to the dictionary (possessive and apostrophe forms too). */
export function isKnownWord(word: string, speller: Speller, words: ReadonlySet<string>): boolean {
  const forms = new Set([word, word.replace(/’/g, "'")]);
  for (const form of [...forms]) forms.add(form.replace(/['’]s$/, ''));
  const known = (form: string) => form.length > 0 && (words.has(normalizeWord(form)) || speller.correct(form));
  for (const form of forms) {
    if (known(form)) return true;
    for (const [british, american] of britishToAmerican) {
      if (british.test(form) && known(form.replace(british, american))) return true;
    }
  }
  const plain = word.toLowerCase();
  if (/^\p{Ll}{7,}$/u.test(plain)) {
    for (let i = 3; i <= plain.length - 3; i++) if (speller.correct(plain.slice(0, i)) && speller.correct(plain.slice(i))) return true;
  }
  return false;
}

/** Whether `word` appears in `story` with its capital where no sentence starts: then it is a name. */
function usedAsName(word: string, story: string): boolean {
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  for (const m of story.matchAll(new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'gu'))) {
    if (!startsSentence(story, m.index!)) return true;
  }
  return false;
}

/** The spelling rule, reading `speller` and the newsroom's `words` (normalised, see `normalizedWords`). */
export function spellingRule(speller: Speller, words: ReadonlySet<string>): CheckRule {
  const known = (w: string) => isKnownWord(w, speller, words);
  const findingFor = (word: string, from: number, suggestFrom: string): Finding => {
    const suggestion = speller.suggest(suggestFrom)[0];
    // A fix that changes nothing is no fix; dropping it (rather than the problem) keeps the problems
    // the same whether suggestions are asked for or not, so a count without them is the count.
    const cased = suggestion === undefined ? undefined : matchCase(word, suggestion);
    const fix = cased === word ? undefined : cased;
    return { from, to: from + word.length, message: fix ? `“${word}” is not in the dictionary: “${fix}”?` : `“${word}” is not in the dictionary.`, fix };
  };
  return {
    id: SpellingRule,
    description: 'Words that are neither in the dictionary nor in the newsroom’s word list.',
    find(text, { story }) {
      const out: Finding[] = [];
      for (const m of text.matchAll(wordPattern)) {
        const word = m[0];
        const from = m.index!;
        const before = text[from - 1] ?? '';
        const after = text[from + word.length] ?? '';
        if (word.length < 2 || /[\p{N}@#_]/u.test(before) || /[\p{N}_]/u.test(after) || (after === '.' && /\p{L}/u.test(text[from + word.length + 1] ?? ''))) continue;
        if (known(word)) continue;
        // A hyphenated word is right when each part is.
        const parts = word.includes('-') ? word.split('-') : [word];
        let offset = from;
        for (const part of parts) {
          const at = offset;
          offset += part.length + 1;
          if (part.length < 2 || known(part)) continue;
          const rest = part.slice(1);
          if (rest !== rest.toLowerCase()) continue; // NATO, iPhone, McCann
          if (part[0] !== part[0].toLowerCase()) {
            // Capitalised: a name inside a sentence; at a sentence start, a word unless the story uses it as a name.
            if (!startsSentence(text, at) || known(part.toLowerCase()) || usedAsName(part, story)) continue;
            out.push(findingFor(part, at, part.toLowerCase()));
            continue;
          }
          out.push(findingFor(part, at, part));
        }
      }
      return out;
    },
  };
}
