/**
 * The house style, as data: one rule object per point of style. The desk's style book, in short:
 *
 * - A word is never doubled by accident ("the the"); "had had" and "that that" are English.
 * - "per cent" in words, never "percent"; in the standfirst and body "5 per cent", not "5%" (headlines
 *   may use the sign).
 * - Numbers one to nine are words in the standfirst and body, except in ages, dates, percentages,
 *   times, scores, ranges with a larger figure, measurements, money and labels ("page 4", "No 7").
 * - Ages are always figures: "aged 34" after a name or noun ("Ana Silva, aged 34,"), "34-year-old" as
 *   one hyphenated word; never "34 years old", "34 year old" or "aged thirty-four".
 * - Dates are day then month, no ordinal, no comma: "27 November", "27 November 2026".
 * - No clichés from the list below.
 * - Headlines of 10–110 characters (the publish checklist's bounds).
 * - One space between words; curly quotes and apostrophes, not straight ones.
 */
import type { CheckRule, Finding } from './types';

/** A house-style rule with its examples, which its unit test runs (houseStyle.test.ts). */
export interface HouseStyleRule extends CheckRule {
  /**
   * Texts the rule must flag and texts it must leave alone, each read as the first field the rule reads
   * (the body when it reads all): at least one of each.
   */
  examples: { flags: string[]; passes: string[] };
}

/** Headline bounds: the same as the publish checklist's (shared/checklist.ts). */
export const HeadlineBounds = { min: 10, max: 110 } as const;

const Months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const MonthAbbreviations: Record<string, string> = {
  Jan: 'January',
  Feb: 'February',
  Mar: 'March',
  Apr: 'April',
  Jun: 'June',
  Jul: 'July',
  Aug: 'August',
  Sept: 'September',
  Sep: 'September',
  Oct: 'October',
  Nov: 'November',
  Dec: 'December',
};
const monthNames = `(?:${Months.join('|')}|${Object.keys(MonthAbbreviations).join('|')})`;
const fullMonth = (name: string) => MonthAbbreviations[name] ?? name;

const Units = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const Teens = ['ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const Tens = ['twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const numberWord = `(?:(?:${Tens.join('|')})(?:[- ](?:${Units.join('|')}))?|${Teens.join('|')}|${Units.join('|')})`;

/** The value of a number written in words, up to ninety-nine ("thirty-four" → 34). */
export function wordsToNumber(words: string): number | undefined {
  const parts = words.toLowerCase().split(/[- ]/);
  let n = 0;
  for (const part of parts) {
    if (Units.includes(part)) n += Units.indexOf(part) + 1;
    else if (Teens.includes(part)) n += Teens.indexOf(part) + 10;
    else if (Tens.includes(part)) n += (Tens.indexOf(part) + 2) * 10;
    else return undefined;
  }
  return n;
}

/** `replacement` written with the case of `original` (Capitalised or UPPER). */
export function matchCase(original: string, replacement: string): string {
  if (original.length > 1 && original === original.toUpperCase() && original !== original.toLowerCase()) return replacement.toUpperCase();
  if (original[0] && original[0] !== original[0].toLowerCase()) return replacement[0].toUpperCase() + replacement.slice(1);
  return replacement;
}

/** Whether `at` starts a sentence: nothing but opening quotes or brackets since the last full stop. */
export function startsSentence(text: string, at: number): boolean {
  return /(?:^|[.!?…]\s+|\n)[\s“‘"'(\[]*$/u.test(text.slice(Math.max(0, at - 40), at));
}

/** Runs several patterns over a text, each match through `report`, overlapping findings dropped. */
function findAll(text: string, patterns: [RegExp, (m: RegExpExecArray) => Finding | undefined][]): Finding[] {
  const out: Finding[] = [];
  for (const [pattern, report] of patterns) {
    for (const m of text.matchAll(pattern)) {
      const f = report(m as RegExpExecArray);
      if (f && !out.some((o) => o.from < f.to && f.from < o.to)) out.push(f);
    }
  }
  return out.sort((a, b) => a.from - b.from);
}

const span = (m: RegExpExecArray, message: string, fix?: string): Finding => ({ from: m.index, to: m.index + m[0].length, message, fix });

// Words after which a figure is a label, not a count: "page 4", "No. 7", "Year 9".
const labelBefore =
  /(?:^|[^\p{L}])(?:no\.?|nos\.?|number|page|pages|p\.|chapter|article|section|category|grade|level|round|game|room|platform|line|route|version|flight|gate|stage|phase|series|season|episode|act|scene|vol\.?|volume|figure|fig\.?|table|item|clause|paragraph|step|year|division|league|bus|apollo|formula|covid|windows|term|week|day|match|leg|heat|lane|door|floor|block|unit|ward|district|zone|terminal|channel|track|seat|row|box|exhibit|verse|part|book|band|class|tier|type|model|mark|stand|pier|bay|lot|studio)\s+$/iu;
const unitAfter =
  /^\s*(?:%|per\s?cent|percent|pct|am|pm|a\.m\.|p\.m\.|o['’]clock|hrs?|km|kg|g|mg|cm|mm|m|mi|miles?|mph|km\/h|kmh|metres?|meters?|kilometres?|kilometers?|centimetres?|millimetres?|feet|foot|ft|inches|inch|lbs?|pounds?|pence|p|euros?|dollars?|cents?|ounces?|oz|tonnes?|tons?|litres?|liters?|ml|gallons?|degrees?|°|acres?|hectares?|ha|yards?|yds?|bn|billion|million|trillion|[kmgt]b|[kmg]hz|[kmg]w|kwh|stone|st|goals?\s+to|points?\s+to|runs?\s+to|[–-]\s*\d)(?![\p{L}])/iu;
const monthBefore = new RegExp(`${monthNames}\\.?\\s+$`, 'u');
const monthAfter = new RegExp(`^(?:st|nd|rd|th)?\\s+(?:of\\s+)?${monthNames}(?![\\p{L}])`, 'u');

/** Whether a lone figure 1–9 at `from` is one the house style keeps as a figure. */
function keepsFigure(text: string, from: number, to: number): boolean {
  const before = text.slice(Math.max(0, from - 40), from);
  const after = text.slice(to, to + 40);
  if (/^[.,]\d/.test(after)) return true; // 5.5, 5,000
  if (unitAfter.test(after)) return true; // percentages, times, money, measurements, scores
  if (/^\s*(?:years?|yrs?)[- ]old/i.test(after) || /(?:aged|age|ages)\s+$/i.test(before) || (/,\s*$/.test(before) && /^\s*,/.test(after))) return true; // ages
  if (monthBefore.test(before) || monthAfter.test(after)) return true; // dates
  if (labelBefore.test(before) || /\d\s+(?:goals?|points?|runs?|sets?|games?)\s+to\s+$/i.test(before)) return true; // labels, the loser's score
  if (/\(\s*$/.test(before) && /^\s*\)/.test(after)) return true; // list markers
  // A range or pair with a larger figure keeps both as figures: "between 5 and 12".
  const other = /^\s*(?:to|and|or)\s+(\d+)/.exec(after) ?? /(\d+)\s*(?:to|and|or)\s+$/.exec(before);
  if (other && Number(other[1]) >= 10) return true;
  return false;
}

/** The phrases the desk keeps out of copy, with a plainer word where one exists. */
export const Cliches: { phrase: string; fix?: string }[] = [
  { phrase: 'at the end of the day' },
  { phrase: 'in the wake of', fix: 'after' },
  { phrase: 'slammed', fix: 'attacked' },
  { phrase: 'slams', fix: 'attacks' },
  { phrase: 'blasted', fix: 'attacked' },
  { phrase: 'lashed out at', fix: 'attacked' },
  { phrase: 'hit out at' },
  { phrase: 'war-torn' },
  { phrase: 'at this moment in time', fix: 'now' },
  { phrase: 'tip of the iceberg' },
  { phrase: 'game changer' },
  { phrase: 'in the final analysis' },
  { phrase: 'few and far between', fix: 'rare' },
  { phrase: 'last but not least', fix: 'finally' },
  { phrase: 'sparked outrage' },
  { phrase: 'paving the way', fix: 'leading' },
];
const clichePattern = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${Cliches.map((c) => c.phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/[- ]/g, (ch) => (ch === ' ' ? '[\\s-]+' : '[-\\s]?'))).join('|')})(?![\\p{L}\\p{N}])`,
  'giu',
);
const clicheOf = (text: string) => Cliches.find((c) => c.phrase.replace(/[-\s]+/g, ' ') === text.toLowerCase().replace(/[-\s]+/g, ' '));

/** Every house-style rule, in the order the panel lists them. */
export const HouseStyleRules: HouseStyleRule[] = [
  {
    id: 'doubled_word',
    description: 'A word typed twice in a row ("the the").',
    examples: {
      flags: ['The council met on the the first day.', 'The the council met.'],
      passes: ['She had had enough; he said that that was final.', 'The theme is then there.'],
    },
    pattern: /(?<![\p{L}\p{N}'’])(\p{L}+)\s+(\1)(?![\p{L}\p{N}'’])/giu,
    accept: (m) => !['had', 'that'].includes(m[1].toLowerCase()),
    replacement: (m) => m[1],
    message: (m) => `“${m[1]}” twice in a row.`,
  },
  {
    id: 'per_cent',
    description: 'The house writes "per cent", not "percent".',
    examples: {
      flags: ['Prices rose 4 percent.', 'Percent figures vary.', 'A 5 per-cent rise.', 'Up 2 pct.'],
      passes: ['Prices rose 4 per cent.', 'The percentage is high.'],
    },
    pattern: /(?<![\p{L}])(?:percent|per-cent|pct)(?![\p{L}])/giu,
    replacement: (m) => matchCase(m[0], 'per cent'),
    message: 'The house style is “per cent”.',
  },
  {
    id: 'per_cent_sign',
    description: 'In the standfirst and body, "5 per cent" rather than "5%" (headlines may keep the sign).',
    examples: {
      flags: ['Inflation fell to 3.2%.', 'It rose 3 %.'],
      passes: ['Inflation fell to 3.2 per cent.', 'The sign % alone.'],
    },
    fields: ['standfirst', 'body'],
    pattern: /(\d)\s?%/gu,
    replacement: (m) => `${m[1]} per cent`,
    message: 'In running text, write “per cent”.',
  },
  {
    id: 'numbers',
    description: 'Numbers one to nine in words, except in ages, dates, percentages, times, scores and measurements.',
    examples: {
      flags: ['The council has 7 members.', '4 people were hurt.', 'They bought 5 or 6 buses.'],
      passes: ['Mia, 5, was at home.', 'It opens on 5 June.', 'The bus leaves at 5pm.', 'See page 4.', 'Between 5 and 12 people.', 'It cost £5.', 'City won 3-1.'],
    },
    fields: ['standfirst', 'body'],
    find(text) {
      const out: Finding[] = [];
      for (const m of text.matchAll(/(?<![\p{L}\p{N}.,:/£$€¥#+\-–−])[1-9](?![\p{L}\p{N}%°'’:/\-–])/gu)) {
        const from = m.index!;
        if (keepsFigure(text, from, from + 1)) continue;
        const word = Units[Number(m[0]) - 1];
        out.push({ from, to: from + 1, message: `Write “${word}” in words.`, fix: startsSentence(text, from) ? matchCase('X', word) : word });
      }
      return out;
    },
  },
  {
    id: 'age_form',
    description: 'Ages in figures, as "aged 34" or "34-year-old".',
    examples: {
      flags: ['The man, 34 years old, was there.', 'A 34 year old teacher.', 'A 35-year old father.', 'A thirty-four-year-old woman.', 'She is aged thirty-four.'],
      passes: ['Ana Silva, aged 34, is a 34-year-old nurse.', 'The 10-year plan is old.'],
    },
    // Every pattern needs "old" or "age": most paragraphs are spared the number-word alternation.
    find: (text) =>
      !/old|age/i.test(text) ? [] : findAll(text, [
        [
          /(?<![\p{L}\p{N}])(\d{1,3})([ -])(years?)([ -])old(?![\p{L}])/giu,
          (m) => {
            if (m[2] === '-' && m[3].toLowerCase() === 'year' && m[4] === '-') return undefined;
            const plural = m[3].toLowerCase() === 'years' && m[2] === ' ' && m[4] === ' ';
            return plural ? span(m, 'Ages: “aged 34”, not “34 years old”.', `aged ${m[1]}`) : span(m, 'Ages: one hyphenated word, “34-year-old”.', `${m[1]}-year-old`);
          },
        ],
        [
          new RegExp(`(?<![\\p{L}])(aged|age)\\s+(${numberWord})(?![\\p{L}-])`, 'giu'),
          (m) => span(m, 'Ages are written in figures.', `${m[1]} ${wordsToNumber(m[2])}`),
        ],
        [
          new RegExp(`(?<![\\p{L}-])(${numberWord})([ -])(years?)([ -])old(?![\\p{L}])`, 'giu'),
          (m) => {
            const n = wordsToNumber(m[1]);
            const plural = m[3].toLowerCase() === 'years' && m[2] === ' ' && m[4] === ' ';
            return span(m, 'Ages are written in figures.', plural ? `aged ${n}` : `${n}-year-old`);
          },
        ],
      ]),
  },
  {
    id: 'date_form',
    description: 'Dates as day then month, without ordinals or commas: "27 November 2026".',
    examples: {
      flags: ['He turned 73 on October 7.', 'They met on Nov. 27, 2025.', 'It was 27th November.', 'It ends on 3 Sept.'],
      passes: ['On 27 November 2026 it opens.', 'In March 2020.', 'You may 5 times say May is warm.', 'The 1st floor.'],
    },
    // Every pattern needs a figure: most paragraphs are spared the month alternation.
    find: (text) =>
      !/\d/.test(text) ? [] : findAll(text, [
        [
          new RegExp(`(?<![\\p{L}])(${monthNames})(\\.)?\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+(\\d{4}))?(?![\\p{L}\\p{N}])`, 'gu'),
          (m) => {
            const day = Number(m[3]);
            if (day < 1 || day > 31) return undefined;
            return span(m, 'Dates: day before month, as in “27 November”.', `${day} ${fullMonth(m[1])}${m[4] ? ` ${m[4]}` : ''}`);
          },
        ],
        [
          new RegExp(`(?<![\\p{L}\\p{N}])(\\d{1,2})(st|nd|rd|th)(?:\\s+of)?\\s+(${monthNames})(\\.)?(?![\\p{L}])`, 'giu'),
          (m) => {
            const day = Number(m[1]);
            const month = Object.keys(MonthAbbreviations).concat(Months).find((x) => x.toLowerCase() === m[3].toLowerCase());
            if (day < 1 || day > 31 || !month) return undefined;
            return span(m, 'Dates: no ordinal, as in “27 November”.', `${day} ${fullMonth(month)}`);
          },
        ],
        [
          new RegExp(`(?<![\\p{L}\\p{N}])(\\d{1,2})\\s+(${Object.keys(MonthAbbreviations).join('|')})(\\.)?(?![\\p{L}])`, 'gu'),
          (m) => (Number(m[1]) >= 1 && Number(m[1]) <= 31 ? span(m, 'Dates: the month in full.', `${Number(m[1])} ${fullMonth(m[2])}`) : undefined),
        ],
      ]),
  },
  {
    id: 'cliche',
    description: 'Clichés the desk keeps out of copy ("at the end of the day", "in the wake of", "slammed"…).',
    examples: {
      flags: ['In the wake of the vote.', 'Critics slammed the plan.', 'A war-torn city.', 'At the end of the day, it passed.'],
      passes: ['After the vote, critics criticised the plan.', 'The wake was held at the end of the street.'],
    },
    pattern: clichePattern,
    replacement: (m) => {
      const fix = clicheOf(m[0])?.fix;
      return fix === undefined ? undefined : matchCase(m[0], fix);
    },
    message: (m) => `“${m[0]}” is a cliché${clicheOf(m[0])?.fix ? `: try “${clicheOf(m[0])!.fix}”` : ''}.`,
  },
  {
    id: 'headline_length',
    description: `Headlines of ${HeadlineBounds.min}–${HeadlineBounds.max} characters.`,
    examples: {
      flags: ['Too short', `Harbour bridge ${'to close '.repeat(12)}for repairs`],
      passes: ['Harbour bridge to close for repairs'],
    },
    fields: ['headline'],
    wholeField: true,
    find(text) {
      const trimmed = text.trim();
      if (!trimmed || (trimmed.length >= HeadlineBounds.min && trimmed.length <= HeadlineBounds.max)) return [];
      const from = text.indexOf(trimmed);
      const which = trimmed.length < HeadlineBounds.min ? 'short' : 'long';
      return [{ from, to: from + trimmed.length, message: `The headline is too ${which}: ${HeadlineBounds.min}–${HeadlineBounds.max} characters (now ${trimmed.length}).` }];
    },
  },
  {
    id: 'double_space',
    description: 'One space between words.',
    examples: {
      flags: ['The  council met.', 'It rose.   Then it fell.'],
      passes: ['The council met. Then it rose.'],
    },
    pattern: /(?<=\S) {2,}(?=\S)/gu,
    replacement: ' ',
    message: 'More than one space.',
  },
  {
    id: 'straight_quotes',
    description: 'Curly quotes and apostrophes (“ ” ‘ ’), not straight ones.',
    examples: {
      flags: [`He said "it’s over".`, "It’s over, isn't it?", "In the '90s."],
      passes: ['He said “it’s over”; in the ’90s.', `She is 5'11" tall.`],
    },
    pattern: /["']/gu,
    // After a figure, a straight mark is feet or inches: 5'11".
    accept: (m, text) => !/\d/.test(text[m.index - 1] ?? ''),
    replacement: (m, text) => {
      const before = text[m.index - 1];
      const after = text[m.index + 1] ?? '';
      const opens = before === undefined || /[\s([{“‘—–\-/]/u.test(before);
      if (m[0] === '"') return opens ? '“' : '”';
      // An apostrophe that opens a word with a figure is an elision: ’90s.
      return opens && !/\d/.test(after) ? '‘' : '’';
    },
    message: (m) => (m[0] === '"' ? 'A straight double quote: use “ or ”.' : 'A straight apostrophe or quote: use ’ or ‘.'),
  },
];
