/** Who is asking: the user behind a request's session cookie, for REST and the collab upgrade alike. */
import type { IncomingMessage } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { AuthenticationError } from '../errors';
import { readCookie, SessionCookie, type SessionStore } from './sessions';
import type { User, UserStore } from './users';

/** Resolves session cookies to users. */
export class Authenticator {
  constructor(
    private readonly sessions: SessionStore,
    private readonly users: UserStore,
  ) {}

  /** The signed-in user of a request and the id of their session, or undefined. */
  async sessionOf(req: IncomingMessage): Promise<{ user: User; sessionId: string } | undefined> {
    const token = readCookie(req.headers.cookie, SessionCookie);
    if (!token) return undefined;
    const session = await this.sessions.sessionFor(token);
    const user = session && (await this.users.byId(session.userId));
    return user && { user, sessionId: session.sessionId };
  }

  /** The signed-in user of a request, or undefined. */
  async userOf(req: IncomingMessage): Promise<User | undefined> {
    return (await this.sessionOf(req))?.user;
  }

  /** Express middleware: 401 unless signed in; the user goes to `res.locals.user`. */
  required() {
    return async (req: Request, res: Response, next: NextFunction) => {
      const user = await this.userOf(req);
      if (!user) return next(AuthenticationError());
      res.locals.user = user;
      next();
    };
  }
}

/** The signed-in user that `Authenticator.required` put on the response. */
export function currentUser(res: Response): User {
  const user = res.locals.user as User | undefined;
  if (!user) throw AuthenticationError();
  return user;
}
