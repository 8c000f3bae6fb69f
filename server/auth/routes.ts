/** `POST /api/session` (sign in), `DELETE /api/session` (sign out), `GET /api/me`. */
import { Router, type Request } from 'express';
import { z } from 'zod';
import { colorFor } from '../../shared/people';
import { AuthenticationError } from '../errors';
import { validate } from '../http/validate';
import { currentUser, type Authenticator } from './authenticate';
import { decoyHash, verifyPassword } from './passwords';
import { readCookie, SessionCookie, type SessionStore } from './sessions';
import { presentMe, type UserStore } from './users';

const SignIn = z.object({ email: z.string().trim().min(1).max(320), password: z.string().min(1).max(200) });

/** Options the auth routes need. */
export interface AuthRoutesOptions {
  users: UserStore;
  sessions: SessionStore;
  authenticator: Authenticator;
  /** Whether cookies must be marked Secure (served over https). */
  secureCookies: (req: Request) => boolean;
}

/** The session and identity routes. */
export function authRoutes({ users, sessions, authenticator, secureCookies }: AuthRoutesOptions): Router {
  const router = Router();

  router.post('/session', async (req, res) => {
    const { email, password } = validate(SignIn, req.body);
    const user = await users.byEmail(email);
    // Hash something even for an unknown email, so the answer takes as long as a wrong password.
    const ok = await verifyPassword(password, user?.passwordHash ?? (await decoyHash));
    if (!user || !ok) throw AuthenticationError('That email and password do not match.');
    const { token, expiresAt } = await sessions.start(user.id);
    res.cookie(SessionCookie, token, { httpOnly: true, sameSite: 'lax', secure: secureCookies(req), path: '/', expires: expiresAt });
    res.json(presentMe(user));
  });

  router.delete('/session', async (req, res) => {
    const token = readCookie(req.headers.cookie, SessionCookie);
    if (token) await sessions.end(token);
    res.clearCookie(SessionCookie, { path: '/' });
    res.status(204).end();
  });

  router.get('/me', authenticator.required(), (_req, res) => {
    res.json(presentMe(currentUser(res)));
  });

  // The newsroom, for bylines and mentions.
  router.get('/people', authenticator.required(), async (_req, res) => {
    res.json({ people: (await users.list()).map((u) => ({ id: u.id, name: u.name, role: u.role, color: colorFor(u.id) })) });
  });

  return router;
}
