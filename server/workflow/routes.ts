/** `POST /api/articles/:id/transitions` and `GET /api/articles/:id/events`. */
import { Router } from 'express';
import { z } from 'zod';
import { ArticleStates } from '../../shared/article';
import { Actions } from '../../shared/workflow';
import { currentUser } from '../auth/authenticate';
import { NotFoundError } from '../errors';
import { validate } from '../http/validate';
import type { ArticleStore } from '../articles/ArticleStore';
import type { ArticleTransitioner } from './articleTransitioner';
import type { AuditLog } from './AuditLog';

const TransitionBody = z
  .object({
    action: z.enum(Actions),
    note: z.string().max(2000).optional(),
    at: z.string().max(64).optional(),
    to: z.enum(ArticleStates).optional(),
  })
  .strict();

/** The workflow routes (behind authentication). */
export function workflowRoutes(deps: { transitioner: ArticleTransitioner; audit: AuditLog; articles: ArticleStore }): Router {
  const router = Router();

  router.post('/:id/transitions', async (req, res) => {
    const request = validate(TransitionBody, req.body);
    const { article, event } = await deps.transitioner.transition(req.params.id, currentUser(res), request);
    res.json({ state: article.state, event, scheduledAt: article.scheduledAt, slug: article.slug });
  });

  router.get('/:id/events', async (req, res) => {
    if (!(await deps.articles.exists(req.params.id))) throw NotFoundError('There is no story with that id.');
    res.json({ events: await deps.audit.forArticle(req.params.id) });
  });

  return router;
}
