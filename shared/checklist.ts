/** The publish checklist (DESIGN.md): what must be true before a story goes out. Pure and shared. */
import { isSuggestionKind } from './suggestions';

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

type MarkedNode = { marks?: { type: string; attrs?: Record<string, unknown> }[]; content?: unknown[] };

/**
 * How many suggestions a body holds: one per suggestion id (a replacement's two halves, or a suggestion
 * split by formatting, count once); a suggestion mark without an id counts once per marked run.
 */
export function countSuggestions(node: MarkedNode | null | undefined): number {
  const ids = new Set<string>();
  let unnamed = 0;
  const walk = (n: MarkedNode) => {
    for (const m of n.marks ?? []) {
      if (!isSuggestionKind(m.type)) continue;
      const id = m.attrs?.id;
      if (typeof id === 'string' && id) ids.add(id);
      else unnamed++;
    }
    for (const child of n.content ?? []) walk(child as MarkedNode);
  };
  if (node) walk(node);
  return ids.size + unnamed;
}
