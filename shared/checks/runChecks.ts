/**
 * Runs the spelling and house-style checks over a story. Pure: the editor runs it as the text changes,
 * the server at publish time, with the same rules, the same newsroom words and the same dismissals.
 */
import { HouseStyleRules } from './houseStyle';
import { NewsroomWords, normalizedWords } from './newsroomWords';
import { spellingRule } from './spelling';
import type { CheckField, CheckInput, CheckProblem, CheckRule, DismissalRef, Finding, Speller } from './types';

/** What the checks read besides the text. */
export interface CheckOptions {
  /** The spell checker; without one (still loading in the browser) spelling is not checked. */
  dictionary?: Speller | null;
  /** Words the desk added to the newsroom's list. */
  words?: Iterable<string>;
  /** The story's dismissals: a problem whose rule and text match one is marked dismissed. */
  dismissals?: readonly DismissalRef[];
  /** The house-style rules (all of them when absent). */
  rules?: readonly CheckRule[];
}

// URLs and email addresses are nobody's spelling or style. Each pattern runs only when its telltale
// character is in the text: most paragraphs have none, and the patterns are not cheap.
const hiddenPatterns: [RegExp, RegExp][] = [
  [/:\/\/|www\./i, /(?:https?:\/\/|www\.)[^\s<>"“”]+/giu],
  [/@/, /(?<![\p{L}\p{N}._%+'’-])[\p{L}\p{N}._%+'’-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/giu],
  [
    /\.(?:com|org|net|edu|gov|int|info|news|io|co|uk|eu|de|fr|nl|es|it|se|no|dk|fi|ru|ua|tv|me|ly)(?![\p{L}\p{N}])/iu,
    /(?<![\p{L}\p{N}@.])[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.(?:com|org|net|edu|gov|int|info|news|io|co|uk|eu|de|fr|nl|es|it|se|no|dk|fi|ru|ua|tv|me|ly)(?![\p{L}\p{N}])(?:\/[^\s<>"“”]*)?/giu,
  ],
];

/** Spans of `text` that no rule reads: URLs, email addresses and bare domain names. */
export function hiddenSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  for (const [telltale, pattern] of hiddenPatterns) {
    if (!telltale.test(text)) continue;
    for (const m of text.matchAll(pattern)) if (!spans.some(([a, b]) => m.index < b && a < m.index + m[0].length)) spans.push([m.index, m.index + m[0].length]);
  }
  return spans.sort((a, b) => a[0] - b[0]);
}

/** A short, stable hash of a text (FNV-1a, hex). */
export function textHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** A rule's findings in one text, pattern rules and function rules alike. */
export function applyRule(rule: CheckRule, text: string, field: CheckField, story: string): Finding[] {
  if (rule.find) return rule.find(text, { field, story });
  if (!rule.pattern) return [];
  const out: Finding[] = [];
  for (const m of text.matchAll(rule.pattern)) {
    const match = m as RegExpExecArray;
    if (rule.accept && !rule.accept(match, text)) continue;
    const fix = typeof rule.replacement === 'function' ? rule.replacement(match, text) : rule.replacement?.replace(/\$(\d)/g, (_, i: string) => match[Number(i)] ?? '');
    const message = typeof rule.message === 'function' ? rule.message(match) : (rule.message ?? rule.description);
    out.push({ from: match.index, to: match.index + match[0].length, message, fix });
  }
  return out;
}

const contextChars = 32;

/** A little text on either side of a span, cut at a word and marked with an ellipsis where it was cut. */
export function contextOf(text: string, from: number, to: number): { before: string; after: string } {
  let before = text.slice(Math.max(0, from - contextChars), from);
  let after = text.slice(to, to + contextChars);
  if (from > contextChars) before = `…${before.replace(/^\S*\s+/, '')}`;
  if (to + contextChars < text.length) after = `${after.replace(/\s+\S*$/, '')}…`;
  return { before, after };
}

/** Every problem in a story, in reading order, dismissed ones marked. */
export function runChecks(input: CheckInput, options: CheckOptions = {}): CheckProblem[] {
  const rules: CheckRule[] = [...(options.rules ?? HouseStyleRules)];
  if (options.dictionary) rules.push(spellingRule(options.dictionary, normalizedWords([...NewsroomWords, ...(options.words ?? [])])));
  const texts: { field: CheckField; block: number; text: string }[] = [
    { field: 'headline', block: 0, text: input.headline },
    { field: 'standfirst', block: 0, text: input.standfirst },
    ...input.body.map((text, block) => ({ field: 'body' as const, block, text })),
  ];
  const story = texts.map((t) => t.text).join('\n');
  const dismissals = new Map((options.dismissals ?? []).map((d) => [`${d.rule}\u0000${d.text}`, d]));
  const problems: CheckProblem[] = [];
  for (const { field, block, text } of texts) {
    if (!text.trim()) continue;
    const hidden = hiddenSpans(text);
    const found: CheckProblem[] = [];
    for (const rule of rules) {
      if (rule.fields && !rule.fields.includes(field)) continue;
      for (const f of applyRule(rule, text, field, story)) {
        if (!rule.wholeField && hidden.some(([a, b]) => f.from < b && a < f.to)) continue;
        const problemText = text.slice(f.from, f.to);
        if (f.fix === problemText) continue;
        const dismissal = dismissals.get(`${rule.id}\u0000${problemText}`);
        found.push({
          id: `${rule.id}:${field}:${block}:${f.from}:${textHash(problemText)}`,
          rule: rule.id,
          field,
          block,
          from: f.from,
          to: f.to,
          text: problemText,
          message: f.message,
          ...(f.fix === undefined ? {} : { fix: f.fix }),
          context: contextOf(text, f.from, f.to),
          ...(dismissal ? { dismissal } : {}),
        });
      }
    }
    problems.push(...found.sort((a, b) => a.from - b.from || a.to - b.to));
  }
  return problems;
}

/** How many problems are not dismissed: what the publish checklist counts. */
export function unresolvedCount(problems: readonly CheckProblem[]): number {
  return problems.filter((p) => !p.dismissal).length;
}
