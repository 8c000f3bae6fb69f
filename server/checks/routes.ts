/**
 * `GET /api/articles/:id/checks`, `POST /api/articles/:id/checks/dismissals`,
 * `DELETE /api/articles/:id/checks/dismissals/:dismissalId`, `GET /api/dictionary` and `POST /api/dictionary`.
 */
import { Router } from 'express';
import { z } from 'zod';
import { HouseStyleRules } from '../../shared/checks/houseStyle';
import { NewsroomWords } from '../../shared/checks/newsroomWords';
import { SpellingRule } from '../../shared/checks/spelling';
import type { DictionaryWords } from '../../shared/checks/types';
import type { Role } from '../../shared/roles';
import type { ArticleStore } from '../articles/ArticleStore';
import { currentUser } from '../auth/authenticate';
import { ForbiddenError, NotFoundError } from '../errors';
import { validate } from '../http/validate';
import type { ChecksService } from './ChecksService';
import type { CheckStore } from './CheckStore';

/** Who may dismiss a problem and add to the dictionary: the copy desk and the editors. */
export const CopyDeskRoles: readonly Role[] = ['copy_editor', 'publisher', 'admin'];

const ruleIds: [string, ...string[]] = [SpellingRule, ...HouseStyleRules.map((r) => r.id)];
const NewDismissal = z
  .object({
    rule: z.enum(ruleIds),
    text: z.string().min(1).max(2000),
    reason: z.string().trim().min(1, 'Say why the problem is dismissed.').max(500),
  })
  .strict();
const NewWord = z
  .object({
    word: z
      .string()
      .trim()
      .min(2)
      .max(64)
      .regex(/^\p{L}(?:[\p{L}\p{M}]|['’-](?=\p{L}))*$/u, 'One word of letters (apostrophes and hyphens inside it).'),
  })
  .strict();

/** What the check routes need. */
export interface CheckRoutesDeps {
  checks: ChecksService;
  store: CheckStore;
  articles: ArticleStore;
}

const mustBeCopyDesk = (role: Role, what: string) => {
  if (!CopyDeskRoles.includes(role)) throw ForbiddenError(`Only the copy desk or an editor may ${what}.`);
};

/** The routes under `/api/articles` (behind authentication). */
export function checkRoutes(deps: CheckRoutesDeps): Router {
  const router = Router();
  const mustExist = async (id: string) => {
    if (!(await deps.articles.exists(id))) throw NotFoundError('There is no story with that id.');
  };

  router.get('/:id/checks', async (req, res) => {
    await mustExist(req.params.id);
    res.json(await deps.checks.report(req.params.id));
  });

  router.post('/:id/checks/dismissals', async (req, res) => {
    const user = currentUser(res);
    mustBeCopyDesk(user.role, 'dismiss a spelling or style problem');
    await mustExist(req.params.id);
    const { rule, text, reason } = validate(NewDismissal, req.body);
    res.status(201).json(await deps.store.dismiss({ articleId: req.params.id, rule, text, reason, userId: user.id, at: new Date() }));
  });

  router.delete('/:id/checks/dismissals/:dismissalId', async (req, res) => {
    mustBeCopyDesk(currentUser(res).role, 'take back a dismissal');
    await mustExist(req.params.id);
    const id = Number(req.params.dismissalId);
    if (!Number.isSafeInteger(id) || !(await deps.store.undismiss(req.params.id, id))) throw NotFoundError('There is no such dismissal on this story.');
    res.status(204).end();
  });

  return router;
}

/** The routes under `/api/dictionary` (behind authentication). */
export function dictionaryRoutes(deps: Pick<CheckRoutesDeps, 'store'>): Router {
  const router = Router();

  const words = async (): Promise<DictionaryWords> => ({ builtIn: [...NewsroomWords], added: await deps.store.words() });

  router.get('/', async (_req, res) => {
    res.json(await words());
  });

  router.post('/', async (req, res) => {
    const user = currentUser(res);
    mustBeCopyDesk(user.role, 'add words to the newsroom dictionary');
    const { word } = validate(NewWord, req.body);
    const added = await deps.store.addWord(word, user.id, new Date());
    res.status(added ? 201 : 200).json(await words());
  });

  return router;
}
