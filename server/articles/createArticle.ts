/** Creating a story: the article row and its seed content, written together. */
import type { ArticleRecord, ArticleStore } from './ArticleStore';
import { seedUpdate, type ArticleSeed } from './seed';
import { wordCountOf } from '../../shared/text';

/** What creating an article needs. */
export interface ArticleCreatorDeps {
  articles: ArticleStore;
}

/** Creates an article seeded with its first content; the only place content is seeded. */
export async function createArticle(deps: ArticleCreatorDeps, input: ArticleSeed & { createdBy: string }): Promise<ArticleRecord> {
  return deps.articles.create({
    createdBy: input.createdBy,
    headline: input.headline ?? '',
    wordCount: wordCountOf(input.body),
    desk: input.meta?.desk,
    seed: seedUpdate(input),
  });
}
