/**
 * Galley assembled: one HTTP server carrying the REST API, the collab endpoint and the client.
 * `createGalley` is what `npm start` runs and what the tests start on port 0.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import express from 'express';
import helmet from 'helmet';
import { articleRoutes } from './articles/routes';
import { SuggestionLedger } from './suggestions/SuggestionLedger';
import { SuggestionRecorder } from './suggestions/SuggestionRecorder';
import { suggestionRoutes } from './suggestions/routes';
import { CommentService } from './comments/CommentService';
import { CommentStore } from './comments/CommentStore';
import { commentRoutes } from './comments/routes';
import { ChecksService } from './checks/ChecksService';
import { CheckStore } from './checks/CheckStore';
import { checkRoutes, dictionaryRoutes } from './checks/routes';
import { ArticleReader } from './articles/ArticleReader';
import { ArticleStore } from './articles/ArticleStore';
import { Authenticator } from './auth/authenticate';
import { authRoutes } from './auth/routes';
import { SessionStore } from './auth/sessions';
import { UserStore } from './auth/users';
import { CollabServer } from './collab/CollabServer';
import type { Config } from './config';
import { ForbiddenError, NotFoundError } from './errors';
import { errorHandler } from './http/errorHandler';
import { originAllowed } from './http/origin';
import type { Logger } from './logger';
import type { DocStore } from './store/DocStore';
import { openDatabase } from './store/open';
import { SqliteDatabase } from './store/sqlite';
import { Metrics } from './ops/metrics';
import { opsRoutes } from './ops/routes';
import { openFanout, shareSocketRooms } from './scaleout/openFanout';
import { accessFor, type Access } from '../shared/workflow';
import type { User } from './auth/users';
import { presentSummary } from './articles/present';
import { LiveNotifier } from './notifications/LiveNotifier';
import { NotificationStore } from './notifications/NotificationStore';
import { notificationRoutes } from './notifications/routes';
import { PublishedStore } from './publish/PublishedStore';
import { publicRoutes } from './publish/routes';
import { importRoutes } from './import/routes';
import { RealtimeServer } from './realtime/RealtimeServer';
import { ArticleTransitioner } from './workflow/articleTransitioner';
import { AuditLog } from './workflow/AuditLog';
import { workflowRoutes } from './workflow/routes';
import { Scheduler } from './workflow/Scheduler';
import { VersionStore } from './workflow/VersionStore';
import { AuthorshipRecorder, AuthorshipStore } from './versions/AuthorshipStore';
import { versionRoutes } from './versions/routes';
import { VersionService } from './versions/VersionService';

/** Where the built client lives. */
export const clientDist = path.resolve(import.meta.dirname, '../client/dist');

/** A running (or ready to run) Galley. */
export interface Galley {
  server: http.Server;
  /** The Express app (its routes are walked by the authorization test). */
  app: express.Express;
  users: UserStore;
  articles: ArticleStore;
  collab: CollabServer;
  docs: DocStore;
  realtime: RealtimeServer;
  transitioner: ArticleTransitioner;
  published: PublishedStore;
  notifications: NotificationStore;
  comments: CommentStore;
  /** A story's versions: saved, compared, restored. */
  versions: VersionService;
  /** Starts listening; resolves with the base URL. */
  listen(): Promise<string>;
  /** Stops accepting, flushes every open doc, closes connections and the database. */
  close(): Promise<void>;
}

/** Builds Galley from its configuration. */
export async function createGalley(config: Config, log: Logger): Promise<Galley> {
  const { db, docs } = await openDatabase(config);
  log.info({ engine: db.engine }, 'database open');
  const keptFreeBytes = db instanceof SqliteDatabase ? db.keptFreeBytes() : null;
  if (keptFreeBytes !== null) log.warn({ keptFreeBytes }, 'this SQLite file was made before free pages were handed back, and keeps them: stop Galley and run `npm run galley -- vacuum` once');
  const users = new UserStore(db);
  const sessions = new SessionStore(db, config.sessionDays * 24 * 3600 * 1000, config.sessionIdleHours * 3600 * 1000);
  const articles = new ArticleStore(db);
  const authenticator = new Authenticator(sessions, users);
  const audit = new AuditLog(db);
  const versions = new VersionStore(db);
  const published = new PublishedStore(db);
  const notifications = new NotificationStore(db);
  const suggestionLedger = new SuggestionLedger(db);
  const suggestionRecorder = new SuggestionRecorder(suggestionLedger);
  const authorship = new AuthorshipStore(db);
  const authorshipRecorder = new AuthorshipRecorder(authorship, db, log);
  const commentStore = new CommentStore(db);
  let origin = config.publicUrl ?? `http://${config.host}:${config.port}`;
  let closing = false;
  const metrics: Metrics = new Metrics({ instance: config.instance }, { openDocs: () => collab.counts().docs, connections: () => collab.counts().connections });
  const fanout = openFanout(config, log, metrics);

  /** A person's access to a story in its current state, or undefined when there is no such story. */
  const accessOf = async (user: User, articleId: string): Promise<Access | undefined> => {
    const article = await articles.byId(articleId);
    return article && accessFor(user.role, article.authors.some((a) => a.id === user.id), article.state);
  };
  // The budget line of a story changed: tell everyone on the budget.
  const budgetChanged = async (articleId: string) => {
    const article = await articles.byId(articleId);
    if (article) realtime.budgetChanged(presentSummary(article, collab.presenceOf(articleId)));
  };
  const announce = (articleId: string) => {
    if (!closing) void budgetChanged(articleId).catch((err) => log.error({ err, articleId }, 'could not announce a budget change'));
  };

  const collab = new CollabServer({
    store: docs,
    articles,
    authenticator,
    log,
    accessOf,
    onBudgetChanged: announce,
    compactAfter: config.compactAfter,
    originAllowed: (req) => originAllowed(req, config.publicUrl),
    fanout,
    metrics,
    onSuggestions: (articleId, seen) => void suggestionRecorder.record(articleId, seen).catch((err) => log.error({ err, articleId }, 'could not record suggestions')),
    onAuthorship: (articleId, change) => authorshipRecorder.record(articleId, change),
    clientOwners: (articleId) => authorshipRecorder.clientOwners(articleId),
  });
  const reader = new ArticleReader(docs, collab);
  const versionService = new VersionService({ versions, authorship, recorder: authorshipRecorder, collab, docs });
  const checkStore = new CheckStore(db);
  const checks = new ChecksService({ store: checkStore, reader });
  const transitioner: ArticleTransitioner = new ArticleTransitioner({
    articles,
    audit,
    versions,
    published,
    reader,
    checks,
    threads: commentStore,
    publicOrigin: () => origin,
    notifier: new LiveNotifier(notifications, (userId, n) => realtime.notify(userId, n)),
    afterTransition: ({ article, event }) => {
      // Every door learns the new state: collab access first, so no edit slips through after it.
      fanout.signal({ kind: 'access', articleId: article.id });
      void collab
        .refreshAccess(article.id)
        .then(() => realtime.stateChanged(article.id, article.state, event))
        .catch((err) => log.error({ err, articleId: article.id }, 'could not announce a state change'));
      announce(article.id);
      scheduler.poke();
    },
  });
  const scheduler = new Scheduler(articles, transitioner, log);
  // A byline or owned field changed: access may have changed too.
  const articleChanged = (articleId: string) => {
    announce(articleId);
    fanout.signal({ kind: 'access', articleId });
    void collab.refreshAccess(articleId).then(() => realtime.accessChanged(articleId));
  };

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          // No inline script anywhere. Inline styles stay: the editor colours carets and selections with them.
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:', 'https:', 'http:'],
          connectSrc: ["'self'"],
          fontSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'none'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
        },
      },
      // Story images come from photo desks and agencies on other origins.
      crossOriginEmbedderPolicy: false,
      referrerPolicy: { policy: 'same-origin' },
      strictTransportSecurity: config.publicUrl?.startsWith('https:') ? undefined : false,
    }),
  );

  app.use(opsRoutes({ db, fanout, metrics, metricsToken: config.metricsToken, draining: () => closing }));

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
      // A session that ends takes its open doors with it, at once.
      revoke: (match) => {
        collab.closeSessions(match);
        fanout.signal({ kind: 'revoke', ...match });
        void realtime.disconnectSessions(match);
      },
    }),
  );
  api.use('/articles/import', authenticator.required(), importRoutes({ articles, changed: announce }));
  api.use('/articles', authenticator.required(), articleRoutes({ articles, reader, users, presence: () => collab.presence(), presenceOf: (id) => collab.presenceOf(id), changed: articleChanged, checks, threads: commentStore }));
  api.use('/articles', authenticator.required(), workflowRoutes({ transitioner, audit, articles }));
  api.use('/articles', authenticator.required(), versionRoutes({ articles, versions: versionService }));
  api.use('/articles', authenticator.required(), suggestionRoutes({ articles, ledger: suggestionLedger }));
  const comments = new CommentService({ store: commentStore, articles, users, notifications, docs, collab, threadChanged: (id, thread) => realtime.threadChanged(id, thread), notify: (userId, n) => realtime.notify(userId, n) });
  api.use('/articles', authenticator.required(), commentRoutes({ comments }));
  api.use('/articles', authenticator.required(), checkRoutes({ checks, store: checkStore, articles }));
  api.use('/dictionary', authenticator.required(), dictionaryRoutes({ store: checkStore }));
  api.use('/notifications', authenticator.required(), notificationRoutes(notifications));
  api.use((_req, _res, next) => next(NotFoundError('There is no such API route.')));
  // The public doors first: /api/public/* must not fall into the signed-in API's catch-all.
  app.use(publicRoutes({ articles, published, origin: () => origin }));
  app.use('/api', api);

  if (fs.existsSync(path.join(clientDist, 'index.html'))) {
    app.use(express.static(clientDist, { index: false, maxAge: '1h', immutable: false }));
    // The client routes by path: every other page is the app shell.
    app.get(/^\/(?!api\/|collab\/).*/, (_req, res) => res.sendFile(path.join(clientDist, 'index.html')));
  }
  app.use(errorHandler(log));

  const server = http.createServer(app);
  // socket.io takes its own upgrades (/socket.io/); the collab endpoint takes /collab/:id.
  const realtime = new RealtimeServer(server, { authenticator, originAllowed: (req) => originAllowed(req, config.publicUrl), accessOf, log });
  const closeSocketRooms = shareSocketRooms(realtime.io, fanout, config.redisPrefix);
  // What another instance decided reaches the connections this one holds.
  fanout.onSignal((signal) => {
    if (signal.kind === 'revoke') collab.closeSessions(signal);
    else void collab.refreshAccess(signal.articleId).catch((err) => log.error({ err, articleId: signal.articleId }, 'could not refresh access'));
  });
  server.on('upgrade', (req, socket, head) => {
    if (collab.handles(req)) collab.handleUpgrade(req, socket, head);
    else if (!req.url?.startsWith('/socket.io/')) socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n', () => socket.destroy());
  });

  return {
    server,
    app,
    users,
    articles,
    collab,
    docs,
    realtime,
    transitioner,
    published,
    notifications,
    comments: commentStore,
    versions: versionService,
    listen: () =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.port, config.host, () => {
          const { address, port } = server.address() as AddressInfo;
          const host = address.includes(':') ? `[${address}]` : address;
          const url = `http://${host}:${port}`;
          origin = config.publicUrl ?? url;
          scheduler.start();
          void authorshipRecorder.foldBacklog();
          resolve(url);
        });
      }),
    async close() {
      if (closing) return;
      closing = true;
      scheduler.stop();
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      await collab.drain();
      await realtime.close();
      server.closeAllConnections();
      await stopped;
      await authorshipRecorder.close();
      closeSocketRooms();
      await fanout.close();
      await db.close();
    },
  };
}
