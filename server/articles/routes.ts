/** `GET /api/articles`, `POST /api/articles`, `GET /api/articles/:id`. */
import { Router } from 'express';
import { z } from 'zod';
import type { ArticleDetail, ArticleSummary, Person } from '../../shared/api';
import { colorFor } from '../../shared/people';
import { currentUser } from '../auth/authenticate';
import { NotFoundError } from '../errors';
import { validate } from '../http/validate';
import type { ArticleRecord } from './ArticleStore';
import type { ArticleReader } from './ArticleReader';
import { createArticle, type ArticleCreatorDeps } from './createArticle';

const NewArticle = z.object({ headline: z.string().trim().max(300).optional() }).strict();

/** What the article routes need. */
export interface ArticleRoutesOptions extends ArticleCreatorDeps {
  reader: ArticleReader;
  presence: () => Map<string, Person[]>;
}

/** The article routes (all behind authentication). */
export function articleRoutes(options: ArticleRoutesOptions): Router {
  const router = Router();
  const summarize = (a: ArticleRecord, present: Map<string, Person[]>): ArticleSummary => ({
    id: a.id,
    state: a.state,
    headline: a.headline,
    wordCount: a.wordCount,
    createdBy: { ...a.createdBy, color: colorFor(a.createdBy.id) },
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
    present: present.get(a.id) ?? [],
  });

  router.get('/', async (_req, res) => {
    const present = options.presence();
    res.json({ articles: (await options.articles.list()).map((a) => summarize(a, present)) });
  });

  router.post('/', async (req, res) => {
    const { headline } = validate(NewArticle, req.body);
    const record = await createArticle(options, { createdBy: currentUser(res).id, headline: headline ?? '' });
    res.status(201).json(await detail(record));
  });

  router.get('/:id', async (req, res) => {
    const record = await options.articles.byId(req.params.id);
    if (!record) throw NotFoundError('There is no story with that id.');
    res.json(await detail(record));
  });

  async function detail(record: ArticleRecord): Promise<ArticleDetail> {
    const rendered = await options.reader.render(record.id);
    return { ...summarize(record, options.presence()), ...rendered, headline: rendered.headline };
  }

  return router;
}
