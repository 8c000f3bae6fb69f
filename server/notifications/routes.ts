/** `GET /api/notifications` and `POST /api/notifications/:id/read`. */
import { Router } from 'express';
import { currentUser } from '../auth/authenticate';
import { NotFoundError, ValidationError } from '../errors';
import type { NotificationStore } from './NotificationStore';

/** A person's notifications (behind authentication). */
export function notificationRoutes(store: NotificationStore): Router {
  const router = Router();
  router.get('/', async (_req, res) => {
    res.json({ notifications: await store.forUser(currentUser(res).id) });
  });
  router.post('/:id/read', async (req, res) => {
    const id = Number(req.params.id);
    if (!Number.isSafeInteger(id)) throw ValidationError('A notification id is a number.');
    if (!(await store.markRead(currentUser(res).id, id))) throw NotFoundError('You have no such notification.');
    res.status(204).end();
  });
  return router;
}
