/**
 * `GET|POST /api/articles/:id/versions`, `GET /api/articles/:id/versions/:a/diff/:b`,
 * `GET /api/articles/:id/changes-since-sign-off` and `POST /api/articles/:id/versions/:vid/restore`.
 */
import { Router } from 'express';
import { z } from 'zod';
import { accessFor, allows, type Access } from '../../shared/workflow';
import { currentUser } from '../auth/authenticate';
import type { User } from '../auth/users';
import type { ArticleStore } from '../articles/ArticleStore';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { validate } from '../http/validate';
import type { VersionRef, VersionService } from './VersionService';

const NewVersion = z.object({ name: z.string().trim().min(1, 'Give the version a name.').max(120) }).strict();

/** The version routes (behind authentication; every member may read every story). */
export function versionRoutes({ articles, versions }: { articles: ArticleStore; versions: VersionService }): Router {
  const router = Router();

  /** The story's id after checking it exists, and the person's access to it. */
  const accessTo = async (articleId: string, user: User): Promise<Access> => {
    const article = await articles.byId(articleId);
    if (!article) throw NotFoundError('There is no story with that id.');
    return accessFor(user.role, article.authors.some((a) => a.id === user.id), article.state);
  };
  const ref = (value: string): VersionRef => {
    if (value === 'live') return 'live';
    if (/^\d{1,12}$/.test(value)) return Number(value);
    throw ValidationError('A version is named by its number, or `live` for the story as it stands.');
  };

  router.get('/:id/versions', async (req, res) => {
    await accessTo(req.params.id, currentUser(res));
    res.json({ versions: await versions.list(req.params.id) });
  });

  router.post('/:id/versions', async (req, res) => {
    const user = currentUser(res);
    if (!allows(await accessTo(req.params.id, user), 'suggest')) throw ForbiddenError('Only someone who may edit or suggest changes to the story may save a version of it.');
    const { name } = validate(NewVersion, req.body);
    res.status(201).json({ version: await versions.saveNamed(req.params.id, name, user) });
  });

  router.get('/:id/versions/:a/diff/:b', async (req, res) => {
    await accessTo(req.params.id, currentUser(res));
    res.json(await versions.diff(req.params.id, ref(req.params.a), ref(req.params.b)));
  });

  router.get('/:id/changes-since-sign-off', async (req, res) => {
    await accessTo(req.params.id, currentUser(res));
    res.json(await versions.changesSinceSignOff(req.params.id));
  });

  router.post('/:id/versions/:vid/restore', async (req, res) => {
    const user = currentUser(res);
    if ((await accessTo(req.params.id, user)) !== 'edit') throw ForbiddenError('Only someone who may edit the story now may restore a version of it.');
    const id = ref(req.params.vid);
    if (id === 'live') throw ValidationError('Restore a saved version, not the story as it stands.');
    res.json({ version: await versions.restore(req.params.id, id, user) });
  });

  return router;
}
