/** The shapes of the copy desk's spelling and house-style checks, shared by the editor and the server. */

/** The fields of a story that the checks read. */
export const CheckFields = ['headline', 'standfirst', 'body'] as const;
export type CheckField = (typeof CheckFields)[number];

/** A story's text as the checks read it: the body as one string per text block (paragraph, heading). */
export interface CheckInput {
  headline: string;
  standfirst: string;
  /** The text of each body text block in document order; a hard break is `\n`, another inline leaf one `\ufffc`. */
  body: string[];
}

/** What a rule reports inside one stretch of text. */
export interface Finding {
  from: number;
  to: number;
  message: string;
  /** What replaces exactly `text.slice(from, to)`, when the rule knows. */
  fix?: string;
}

/** What a rule may read besides its own stretch of text. */
export interface RuleContext {
  field: CheckField;
  /** The whole story (headline, standfirst and body), for rules that look elsewhere, e.g. at names. */
  story: string;
}

/**
 * One house-style rule, as data: either a global `pattern` (each match is a problem, `replacement`
 * gives the fix, `accept` may veto a match by its surroundings) or a `find` function.
 */
export interface CheckRule {
  id: string;
  description: string;
  /** The fields it reads (all when absent). */
  fields?: readonly CheckField[];
  /** Reads the whole field: no span is hidden from it (URLs and emails are hidden from the others). */
  wholeField?: boolean;
  pattern?: RegExp;
  replacement?: string | ((match: RegExpExecArray, text: string) => string | undefined);
  accept?: (match: RegExpExecArray, text: string) => boolean;
  message?: string | ((match: RegExpExecArray) => string);
  find?: (text: string, context: RuleContext) => Finding[];
}

/** A spell checker: Hunspell's nspell satisfies it. */
export interface Speller {
  correct(word: string): boolean;
  suggest(word: string): string[];
}

/** A desk's decision that a rule does not apply to a text in one story. */
export interface DismissalRef {
  id: number;
  rule: string;
  text: string;
  reason: string;
}

/** A stored dismissal, as the API shows it. */
export interface Dismissal extends DismissalRef {
  articleId: string;
  dismissedBy: { id: string; name: string } | null;
  dismissedAt: string;
}

/** One problem in a story. */
export interface CheckProblem {
  /** Stable while the text around it does not move: rule, field, block, offset and a hash of the text. */
  id: string;
  rule: string;
  field: CheckField;
  /** The body text block it sits in (0 for the headline and standfirst). */
  block: number;
  from: number;
  to: number;
  text: string;
  message: string;
  fix?: string;
  /** A little of the text on either side, for showing it. */
  context: { before: string; after: string };
  /** Set when the desk dismissed this rule for this text in this story. */
  dismissal?: DismissalRef;
}

/** `GET /api/articles/:id/checks`. */
export interface ChecksReport {
  problems: CheckProblem[];
  dismissals: Dismissal[];
  /** Problems not dismissed: what the publish checklist counts. */
  unresolved: number;
  /** The newsroom's own words, added by the desk. */
  words: string[];
}

/** `GET /api/dictionary`. */
export interface DictionaryWords {
  /** The built-in newsroom word list. */
  builtIn: string[];
  /** Words the desk added. */
  added: { word: string; addedBy: { id: string; name: string } | null; addedAt: string }[];
}
