/**
 * The copy desk's checks on the server: the same rules the editor runs, over the story as it stands,
 * with the newsroom's stored words and the story's dismissals. The publish checklist counts what is left.
 */
import { createHash } from 'node:crypto';
import { runChecks, unresolvedCount } from '../../shared/checks/runChecks';
import { createSpeller, withFixes, withoutFixes } from '../../shared/checks/speller';
import { textBlocksOf } from '../../shared/checks/textBlocks';
import type { CheckInput, CheckProblem, ChecksReport, Dismissal, Speller } from '../../shared/checks/types';
import { bodySchema } from '../../shared/schema';
import type { ArticleReader } from '../articles/ArticleReader';
import type { RenderedArticle } from '../articles/render';
import type { CheckStore } from './CheckStore';
import { WorkerSpellingFixes, type SpellingFixes } from './SpellingFixes';

let english: Promise<Speller> | undefined;
let englishFixes: WorkerSpellingFixes | undefined;

/** The English speller, loaded once per process on first use (a few hundred milliseconds). */
export function englishSpeller(): Promise<Speller> {
  return (english ??= import('dictionary-en').then(({ default: files }) => createSpeller(files)));
}

/** What the checks read of a rendered story: the headline, the standfirst and each body text block. */
export function checkInputOf(rendered: Pick<RenderedArticle, 'headline' | 'standfirst' | 'body'>): CheckInput {
  return { headline: rendered.headline, standfirst: rendered.standfirst, body: textBlocksOf(bodySchema().nodeFromJSON(rendered.body)).map((b) => b.text) };
}

/** What the checks service needs; the speller and the fix finder are the English ones unless given. */
export interface ChecksServiceDeps {
  store: CheckStore;
  reader: Pick<ArticleReader, 'render'>;
  /** Tells right words from wrong on this thread (`correct` is cheap; its `suggest` is never called). */
  speller?: () => Promise<Speller>;
  /** Finds fixes for misspelt words (a worker thread by default). */
  fixes?: SpellingFixes;
  /** How many distinct misspelt words a report gives a fix for, in reading order (30). */
  fixedWords?: number;
  /** How long a report waits for those fixes; the words still pending go without one (2 s). */
  fixWaitMs?: number;
}

/** One story's last checked problems, and what they were checked against. */
interface CheckedStory {
  key: string;
  problems: CheckProblem[];
  /** Whether the misspelt words that may have a fix were given one. */
  fixed: boolean;
}

// Stories whose last problems are remembered: the article page, each transition and the Checks tab's
// poll (every 15 s per open tab) ask again and again about a story that has not changed.
const rememberedStories = 500;

/** Runs the checks of stories. */
export class ChecksService {
  private readonly checked = new Map<string, CheckedStory>();

  constructor(private readonly deps: ChecksServiceDeps) {}

  /** A story's problems (dismissed ones marked), its dismissals and the desk's words. */
  async report(articleId: string, rendered?: RenderedArticle): Promise<ChecksReport> {
    const text = rendered ?? (await this.deps.reader.render(articleId));
    const [dismissals, added] = await Promise.all([this.deps.store.dismissals(articleId), this.deps.store.words()]);
    const words = added.map((w) => w.word);
    const problems = await this.problems(articleId, checkInputOf(text), words, dismissals, true);
    return { problems, dismissals, unresolved: unresolvedCount(problems), words };
  }

  /** How many problems are neither fixed nor dismissed: the publish checklist's `checks` line. */
  async unresolved(articleId: string, rendered: RenderedArticle): Promise<number> {
    const [dismissals, added] = await Promise.all([this.deps.store.dismissals(articleId), this.deps.store.words()]);
    return unresolvedCount(await this.problems(articleId, checkInputOf(rendered), added.map((w) => w.word), dismissals, false));
  }

  /**
   * The story's problems, from memory when nothing they depend on changed. Spelling is checked without
   * suggestions (the same problems, none of the cost); with `fix`, the first misspelt words get their
   * fixes from the fix finder and the checks run again with them.
   */
  private async problems(articleId: string, input: CheckInput, words: string[], dismissals: Dismissal[], fix: boolean): Promise<CheckProblem[]> {
    const key = createHash('sha1').update(JSON.stringify([input, words, dismissals])).digest('base64');
    const last = this.checked.get(articleId);
    if (last?.key === key && (last.fixed || !fix)) return last.problems;
    const speller = await (this.deps.speller ?? englishSpeller)();
    const asked = new Set<string>();
    let problems = runChecks(input, { dictionary: withoutFixes(speller, asked), words, dismissals });
    let fixed = asked.size === 0;
    if (fix && asked.size > 0) {
      const wanted = [...asked].slice(0, this.deps.fixedWords ?? 30);
      const found = await (this.deps.fixes ?? (englishFixes ??= new WorkerSpellingFixes())).lookUp(wanted, this.deps.fixWaitMs ?? 2000);
      fixed = found.size === wanted.length;
      if ([...found.values()].some((s) => s.length > 0)) problems = runChecks(input, { dictionary: withFixes(speller, found), words, dismissals });
    }
    this.checked.delete(articleId);
    if (this.checked.size >= rememberedStories) this.checked.delete(this.checked.keys().next().value!);
    this.checked.set(articleId, { key, problems, fixed });
    return problems;
  }
}
