/** `GET /api/articles/:id/suggestions`: who made each suggestion of a story and when the server first saw it. */
import { Router } from 'express';
import type { ArticleStore } from '../articles/ArticleStore';
import { NotFoundError } from '../errors';
import type { SuggestionLedger } from './SuggestionLedger';

/** The suggestion routes (behind authentication; every member may read every story). */
export function suggestionRoutes({ articles, ledger }: { articles: ArticleStore; ledger: SuggestionLedger }): Router {
  const router = Router();
  router.get('/:id/suggestions', async (req, res) => {
    if (!(await articles.byId(req.params.id))) throw NotFoundError('There is no story with that id.');
    res.json(await ledger.forArticle(req.params.id));
  });
  return router;
}
