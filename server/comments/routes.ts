/**
 * `GET /api/articles/:id/threads`, `POST /api/articles/:id/threads`, and a thread's
 * `POST .../threads/:threadId/replies`, `.../resolve` and `.../reopen`.
 */
import { Router } from 'express';
import { z } from 'zod';
import { CommentLimits } from '../../shared/comments';
import { currentUser } from '../auth/authenticate';
import { validate } from '../http/validate';
import type { CommentService } from './CommentService';

/** Longest base64 of one encoded relative position. */
const PositionChars = Math.ceil(CommentLimits.position / 3) * 4;

const Body = z.string().trim().min(1, 'Write a comment.').max(CommentLimits.body, `A comment holds at most ${CommentLimits.body} characters.`);
const NewThread = z
  .object({
    anchor: z.object({ start: z.string().min(1).max(PositionChars), end: z.string().min(1).max(PositionChars) }).strict(),
    // What the client saw; the server quotes the stored words itself and keeps only that.
    quote: z.string().max(CommentLimits.quote * 2).optional(),
    body: Body,
  })
  .strict();
const Reply = z.object({ body: Body }).strict();
const NoBody = z.object({}).strict();

/** The comment routes under `/api/articles` (behind authentication; every member may read every story). */
export function commentRoutes({ comments }: { comments: CommentService }): Router {
  const router = Router();

  router.get('/:id/threads', async (req, res) => {
    res.json({ threads: await comments.list(req.params.id) });
  });

  router.post('/:id/threads', async (req, res) => {
    const input = validate(NewThread, req.body);
    res.status(201).json(await comments.open(currentUser(res), req.params.id, input));
  });

  router.post('/:id/threads/:threadId/replies', async (req, res) => {
    const { body } = validate(Reply, req.body);
    res.status(201).json(await comments.reply(currentUser(res), req.params.id, req.params.threadId, body));
  });

  router.post('/:id/threads/:threadId/resolve', async (req, res) => {
    validate(NoBody, req.body);
    res.json(await comments.resolve(currentUser(res), req.params.id, req.params.threadId));
  });

  router.post('/:id/threads/:threadId/reopen', async (req, res) => {
    validate(NoBody, req.body);
    res.json(await comments.reopen(currentUser(res), req.params.id, req.params.threadId));
  });

  return router;
}
