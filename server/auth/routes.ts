/** `POST /api/session` (sign in), `DELETE /api/session` (sign out), `GET /api/me`. */
import { Router, type Request } from 'express';
import { z } from 'zod';
import { colorFor } from '../../shared/people';
import { Roles } from '../../shared/roles';
import { AuthenticationError, ForbiddenError, HttpError, NotFoundError } from '../errors';
import { LoginLimiter } from './loginLimiter';
import { validate } from '../http/validate';
import { currentUser, type Authenticator } from './authenticate';
import { decoyHash, verifyPassword } from './passwords';
import { readCookie, SessionCookie, type SessionStore } from './sessions';
import { presentMe, type UserStore } from './users';

const SignIn = z.object({ email: z.string().trim().min(1).max(320), password: z.string().min(1).max(200) });
const RoleChange = z.object({ role: z.enum(Roles) }).strict();
const PasswordChange = z.object({ current: z.string().min(1).max(200), next: z.string().min(10, 'Passwords need at least 10 characters.').max(200) }).strict();

/** Options the auth routes need. */
export interface AuthRoutesOptions {
  users: UserStore;
  sessions: SessionStore;
  authenticator: Authenticator;
  /** Whether cookies must be marked Secure (served over https). */
  secureCookies: (req: Request) => boolean;
  /** Ends the open connections of a session or of every session of a user. */
  revoke: (match: { sessionId?: string; userId?: string }) => void;
  limiter?: LoginLimiter;
}

/** The session and identity routes. */
export function authRoutes({ users, sessions, authenticator, secureCookies, revoke, limiter = new LoginLimiter() }: AuthRoutesOptions): Router {
  const router = Router();

  router.post('/session', async (req, res) => {
    const { email, password } = validate(SignIn, req.body);
    const account = email.toLowerCase();
    const address = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    const wait = limiter.retryAfter(account, address);
    if (wait > 0) {
      res.setHeader('Retry-After', String(wait));
      throw new HttpError(429, 'too_many_attempts', `Too many failed sign-ins. Try again in ${Math.ceil(wait / 60)} minute${wait > 60 ? 's' : ''}.`);
    }
    const user = await users.byEmail(email);
    // Hash something even for an unknown email, so the answer takes as long as a wrong password.
    const ok = await verifyPassword(password, user?.passwordHash ?? (await decoyHash));
    if (!user || !ok) {
      limiter.failed(account, address);
      throw AuthenticationError('That email and password do not match.');
    }
    limiter.succeeded(account);
    // A new sign-in gets a new session id; one this browser held before ends here.
    const previous = readCookie(req.headers.cookie, SessionCookie);
    if (previous) revoke({ sessionId: await sessions.end(previous) });
    const { token, expiresAt } = await sessions.start(user.id);
    res.cookie(SessionCookie, token, { httpOnly: true, sameSite: 'lax', secure: secureCookies(req), path: '/', expires: expiresAt });
    res.json(presentMe(user));
  });

  router.delete('/session', async (req, res) => {
    const token = readCookie(req.headers.cookie, SessionCookie);
    if (token) revoke({ sessionId: await sessions.end(token) });
    res.clearCookie(SessionCookie, { path: '/' });
    res.status(204).end();
  });

  router.get('/me', authenticator.required(), (_req, res) => {
    res.json(presentMe(currentUser(res)));
  });

  // A person changes their own password: every session of theirs ends, this one too.
  router.post('/me/password', authenticator.required(), async (req, res) => {
    const user = currentUser(res);
    const { current, next } = validate(PasswordChange, req.body);
    if (!(await verifyPassword(current, user.passwordHash))) throw new HttpError(403, 'wrong_password', 'The current password is not right.');
    await users.setPassword(user.id, next);
    await sessions.endAllFor(user.id);
    revoke({ userId: user.id });
    res.clearCookie(SessionCookie, { path: '/' });
    res.status(204).end();
  });

  // An admin changes someone's role: their sessions end, so the new role applies from their next sign-in.
  router.patch('/users/:id', authenticator.required(), async (req, res) => {
    if (currentUser(res).role !== 'admin') throw ForbiddenError('Only an admin changes roles.');
    const { role } = validate(RoleChange, req.body);
    const user = await users.byId(String(req.params.id));
    if (!user) throw NotFoundError('There is no such person in the newsroom.');
    await users.setRole(user.id, role);
    await sessions.endAllFor(user.id);
    revoke({ userId: user.id });
    res.json({ id: user.id, name: user.name, role, color: colorFor(user.id) });
  });

  // The newsroom, for bylines and mentions.
  router.get('/people', authenticator.required(), async (_req, res) => {
    res.json({ people: (await users.list()).map((u) => ({ id: u.id, name: u.name, role: u.role, color: colorFor(u.id) })) });
  });

  return router;
}
