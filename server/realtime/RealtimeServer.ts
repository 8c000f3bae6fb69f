/**
 * The newsroom's live events over socket.io, on the same HTTP server: the story budget, state and
 * access changes of the stories people have open, and notifications. The session cookie of the
 * handshake authenticates; each socket joins the budget room and its own user room.
 */
import type http from 'node:http';
import { Server, type Socket } from 'socket.io';
import type { ArticleSummary, AuditEntry, Notification } from '../../shared/api';
import type { ArticleState } from '../../shared/article';
import type { CommentThread } from '../../shared/comments';
import { Rooms, type ClientToServerEvents, type ServerToClientEvents } from '../../shared/events';
import type { Access } from '../../shared/workflow';
import type { Authenticator } from '../auth/authenticate';
import type { User } from '../auth/users';
import type { Logger } from '../logger';

interface SocketData {
  user: User;
  sessionId: string;
}
type GalleySocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** What the realtime server needs. */
export interface RealtimeOptions {
  authenticator: Authenticator;
  originAllowed: (req: http.IncomingMessage) => boolean;
  /** A user's access to an article, or undefined when there is no such article. */
  accessOf: (user: User, articleId: string) => Promise<Access | undefined>;
  log: Logger;
}

/** socket.io for the newsroom. */
export class RealtimeServer {
  readonly io: Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

  constructor(server: http.Server, private readonly options: RealtimeOptions) {
    this.io = new Server(server, {
      path: '/socket.io',
      serveClient: false,
      allowRequest: (req, callback) => callback(options.originAllowed(req) ? null : 'origin not allowed', options.originAllowed(req)),
    });
    this.io.use(async (socket, next) => {
      try {
        const session = await options.authenticator.sessionOf(socket.request);
        if (!session) return next(new Error('unauthenticated'));
        socket.data.user = session.user;
        socket.data.sessionId = session.sessionId;
        next();
      } catch (err) {
        next(err as Error);
      }
    });
    this.io.on('connection', (socket) => this.connected(socket));
  }

  /** A story's budget line changed: everyone signed in hears it. */
  budgetChanged(summary: ArticleSummary): void {
    this.io.to(Rooms.budget).emit('budget:article', summary);
  }

  /** A story changed state: each socket watching it hears its own new access. */
  async stateChanged(articleId: string, state: ArticleState, event: AuditEntry): Promise<void> {
    for (const socket of await this.io.in(Rooms.article(articleId)).fetchSockets()) {
      const access = await this.options.accessOf(socket.data.user, articleId);
      if (access) socket.emit('article:state', { articleId, state, access, event });
    }
  }

  /** A user's access to a story changed without a state change (a byline was added or removed). */
  async accessChanged(articleId: string): Promise<void> {
    for (const socket of await this.io.in(Rooms.article(articleId)).fetchSockets()) {
      const access = await this.options.accessOf(socket.data.user, articleId);
      if (access) socket.emit('article:access', { articleId, access });
    }
  }

  /** A comment thread of a story changed: everyone watching the story gets the whole thread. */
  threadChanged(articleId: string, thread: CommentThread): void {
    this.io.to(Rooms.article(articleId)).emit('thread:changed', thread);
  }

  /** Pushes a notification to a person's open sockets. */
  notify(userId: string, notification: Notification): void {
    this.io.to(Rooms.user(userId)).emit('notification', notification);
  }

  /** Disconnects the sockets of the given sessions or users (logout, a role or password change). */
  async disconnectSessions(match: { sessionId?: string; userId?: string }): Promise<void> {
    const room = match.userId ? Rooms.user(match.userId) : Rooms.budget;
    for (const socket of await this.io.in(room).fetchSockets()) {
      if (match.userId || socket.data.sessionId === match.sessionId) socket.disconnect(true);
    }
  }

  /** Disconnects every socket (the HTTP server is closed by its owner). */
  async close(): Promise<void> {
    this.io.disconnectSockets(true);
    this.io.engine.close();
  }

  private connected(socket: GalleySocket): void {
    const user = socket.data.user;
    void socket.join([Rooms.budget, Rooms.user(user.id)]);
    socket.on('article:watch', async (articleId, ack) => {
      if (typeof ack !== 'function') return;
      if (typeof articleId !== 'string' || articleId.length > 64) return ack({ ok: false, error: 'not_found' });
      try {
        // Join first, then read the access: a step taken in between is then heard, not missed.
        await socket.join(Rooms.article(articleId));
        const access = await this.options.accessOf(user, articleId);
        if (!access) {
          await socket.leave(Rooms.article(articleId));
          return ack({ ok: false, error: 'not_found' });
        }
        ack({ ok: true, access });
      } catch (err) {
        this.options.log.error({ err, articleId }, 'could not watch a story');
        ack({ ok: false, error: 'internal_error' });
      }
    });
    socket.on('article:unwatch', (articleId) => {
      if (typeof articleId === 'string') void socket.leave(Rooms.article(articleId));
    });
  }
}
