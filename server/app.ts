/**
 * Galley assembled: one HTTP server carrying the REST API, the collab endpoint and the client.
 * `createGalley` is what `npm start` runs and what the tests start on port 0.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import express from 'express';
import { articleRoutes } from './articles/routes';
import { ArticleReader } from './articles/ArticleReader';
import { ArticleStore } from './articles/ArticleStore';
import { Authenticator } from './auth/authenticate';
import { authRoutes } from './auth/routes';
import { SessionStore } from './auth/sessions';
import { UserStore } from './auth/users';
import { CollabServer } from './collab/CollabServer';
import type { Config } from './config';
import { ForbiddenError, NotFoundError, UnavailableError } from './errors';
import { errorHandler } from './http/errorHandler';
import { originAllowed } from './http/origin';
import type { Logger } from './logger';
import { SqliteDocStore } from './store/SqliteDocStore';
import { openSqlite } from './store/sqlite';

/** Where the built client lives. */
export const clientDist = path.resolve(import.meta.dirname, '../client/dist');

/** A running (or ready to run) Galley. */
export interface Galley {
  server: http.Server;
  users: UserStore;
  articles: ArticleStore;
  collab: CollabServer;
  docs: SqliteDocStore;
  /** Starts listening; resolves with the base URL. */
  listen(): Promise<string>;
  /** Stops accepting, flushes every open doc, closes connections and the database. */
  close(): Promise<void>;
}

/** Builds Galley from its configuration. */
export function createGalley(config: Config, log: Logger): Galley {
  if (config.databaseUrl) log.warn('DATABASE_URL is set, but this build stores only in SQLite; using the SQLite file in GALLEY_DATA_DIR.');
  const db = openSqlite(config.dataDir);
  const users = new UserStore(db);
  const sessions = new SessionStore(db, config.sessionDays * 24 * 3600 * 1000);
  const articles = new ArticleStore(db);
  const docs = new SqliteDocStore(db);
  const authenticator = new Authenticator(sessions, users);
  const collab = new CollabServer({
    store: docs,
    articles,
    authenticator,
    log,
    compactAfter: config.compactAfter,
    originAllowed: (req) => originAllowed(req, config.publicUrl),
  });
  const reader = new ArticleReader(docs, collab);
  let closing = false;

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use((_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'same-origin');
    res.setHeader('X-Frame-Options', 'DENY');
    next();
  });

  app.get('/healthz', (_req, res) => {
    if (closing) res.status(503).json(UnavailableError().toJSON());
    else res.json({ ok: true });
  });

  const api = express.Router();
  api.use(express.json({ limit: '1mb' }));
  api.use((req, _res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD' && !originAllowed(req, config.publicUrl)) {
      return next(ForbiddenError('This request came from another site and was refused.'));
    }
    next();
  });
  api.use(
    authRoutes({
      users,
      sessions,
      authenticator,
      secureCookies: (req) => req.secure || (config.publicUrl?.startsWith('https:') ?? false),
    }),
  );
  api.use('/articles', authenticator.required(), articleRoutes({ articles, reader, presence: () => collab.presence() }));
  api.use((_req, _res, next) => next(NotFoundError('There is no such API route.')));
  app.use('/api', api);

  if (fs.existsSync(path.join(clientDist, 'index.html'))) {
    app.use(express.static(clientDist, { index: false, maxAge: '1h', immutable: false }));
    // The client routes by path: every other page is the app shell.
    app.get(/^\/(?!api\/|collab\/).*/, (_req, res) => res.sendFile(path.join(clientDist, 'index.html')));
  }
  app.use(errorHandler(log));

  const server = http.createServer(app);
  server.on('upgrade', (req, socket, head) => {
    if (collab.handles(req)) collab.handleUpgrade(req, socket, head);
    else socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
  });

  return {
    server,
    users,
    articles,
    collab,
    docs,
    listen: () =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.port, config.host, () => {
          const { address, port } = server.address() as AddressInfo;
          const host = address.includes(':') ? `[${address}]` : address;
          resolve(`http://${host}:${port}`);
        });
      }),
    async close() {
      if (closing) return;
      closing = true;
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      await collab.drain();
      server.closeAllConnections();
      await stopped;
      db.close();
    },
  };
}
