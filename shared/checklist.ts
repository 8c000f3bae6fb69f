/** The publish checklist (DESIGN.md): what must be true before a story goes out. Pure and shared. */

/** The facts the checklist reads about an article. */
export interface ChecklistFacts {
  headline: string;
  standfirst: string;
  bylineCount: number;
  bodyWordCount: number;
  hero: { src?: string | null; alt?: string | null; credit?: string | null } | null;
  openSuggestions: number;
  openThreads: number;
  unresolvedChecks: number;
}

/** The checklist's rules, by stable id. */
export const ChecklistRules = ['headline_length', 'standfirst', 'byline', 'body_length', 'hero_image', 'suggestions', 'comments', 'checks'] as const;
export type ChecklistRule = (typeof ChecklistRules)[number];

/** One line of the checklist. */
export interface ChecklistItem {
  rule: ChecklistRule;
  ok: boolean;
  message: string;
}

const HeadlineMin = 10;
const HeadlineMax = 110;
const BodyMinWords = 50;

/** Runs the checklist; every rule reports, passing or not. */
export function publishChecklist(f: ChecklistFacts): ChecklistItem[] {
  const headline = f.headline.trim();
  const hero = f.hero?.src ? f.hero : null;
  const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
  return [
    {
      rule: 'headline_length',
      ok: headline.length >= HeadlineMin && headline.length <= HeadlineMax,
      message: `Headline of ${HeadlineMin}–${HeadlineMax} characters (now ${headline.length}).`,
    },
    { rule: 'standfirst', ok: f.standfirst.trim().length > 0, message: 'A standfirst.' },
    { rule: 'byline', ok: f.bylineCount > 0, message: 'At least one author on the byline.' },
    { rule: 'body_length', ok: f.bodyWordCount >= BodyMinWords, message: `A body of at least ${BodyMinWords} words (now ${f.bodyWordCount}).` },
    {
      rule: 'hero_image',
      ok: !hero || (Boolean(hero.alt?.trim()) && Boolean(hero.credit?.trim())),
      message: 'The hero image has alt text and a credit.',
    },
    { rule: 'suggestions', ok: f.openSuggestions === 0, message: `No open suggestions (now ${f.openSuggestions}).` },
    { rule: 'comments', ok: f.openThreads === 0, message: `No open comment threads (now ${plural(f.openThreads, 'thread')}).` },
    { rule: 'checks', ok: f.unresolvedChecks === 0, message: `No spelling or house-style problem left unresolved (now ${f.unresolvedChecks}).` },
  ];
}

/** The rules that fail. */
export function failingRules(items: ChecklistItem[]): ChecklistItem[] {
  return items.filter((i) => !i.ok);
}

/** Names of the marks that carry tracked suggestions in the body. */
export const SuggestionMarks = ['insertion', 'deletion', 'modification'] as const;

/** How many suggestion marks a body holds (each marked text run counts once). */
export function countSuggestions(node: { marks?: { type: string }[]; content?: unknown[] } | null | undefined): number {
  if (!node) return 0;
  const own = (node.marks ?? []).filter((m) => (SuggestionMarks as readonly string[]).includes(m.type)).length;
  return own + (node.content ?? []).reduce<number>((n, child) => n + countSuggestions(child as typeof node), 0);
}
