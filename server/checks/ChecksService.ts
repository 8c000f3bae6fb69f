/**
 * The copy desk's checks on the server: the same rules the editor runs, over the story as it stands,
 * with the newsroom's stored words and the story's dismissals. The publish checklist counts what is left.
 */
import { runChecks, unresolvedCount } from '../../shared/checks/runChecks';
import { createSpeller } from '../../shared/checks/speller';
import { textBlocksOf } from '../../shared/checks/textBlocks';
import type { CheckInput, ChecksReport, Speller } from '../../shared/checks/types';
import { bodySchema } from '../../shared/schema';
import type { ArticleReader } from '../articles/ArticleReader';
import type { RenderedArticle } from '../articles/render';
import type { CheckStore } from './CheckStore';

let english: Promise<Speller> | undefined;

/** The English speller, loaded once per process on first use (a few hundred milliseconds). */
export function englishSpeller(): Promise<Speller> {
  return (english ??= import('dictionary-en').then(({ default: files }) => createSpeller(files)));
}

/** What the checks read of a rendered story: the headline, the standfirst and each body text block. */
export function checkInputOf(rendered: Pick<RenderedArticle, 'headline' | 'standfirst' | 'body'>): CheckInput {
  return { headline: rendered.headline, standfirst: rendered.standfirst, body: textBlocksOf(bodySchema().nodeFromJSON(rendered.body)).map((b) => b.text) };
}

/** Runs the checks of stories. */
export class ChecksService {
  constructor(private readonly deps: { store: CheckStore; reader: ArticleReader }) {}

  /** A story's problems (dismissed ones marked), its dismissals and the desk's words. */
  async report(articleId: string, rendered?: RenderedArticle): Promise<ChecksReport> {
    const text = rendered ?? (await this.deps.reader.render(articleId));
    const [dismissals, added, dictionary] = await Promise.all([this.deps.store.dismissals(articleId), this.deps.store.words(), englishSpeller()]);
    const words = added.map((w) => w.word);
    const problems = runChecks(checkInputOf(text), { dictionary, words, dismissals });
    return { problems, dismissals, unresolved: unresolvedCount(problems), words };
  }

  /** How many problems are neither fixed nor dismissed: the publish checklist's `checks` line. */
  async unresolved(articleId: string, rendered: RenderedArticle): Promise<number> {
    return (await this.report(articleId, rendered)).unresolved;
  }

}
