/**
 * The collab endpoint, `WS /collab/:articleId`: authenticates the upgrade by its session cookie,
 * finds or loads the article's room (one load shared by concurrent opens) and hands frames to it.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { CloseCodes, MaxFrameBytes } from '../../shared/closeCodes';
import type { Person } from '../../shared/api';
import type { Access } from '../../shared/workflow';
import type { User } from '../auth/users';
import type { Authenticator } from '../auth/authenticate';
import type { ArticleStore } from '../articles/ArticleStore';
import type { Logger } from '../logger';
import type { DocStore } from '../store/DocStore';
import type * as Y from 'yjs';
import { ArticleRoom, type RoomDeps, type ServerEdit } from './ArticleRoom';
import type { SeenSuggestion } from './suggestionCheck';
import { Connection } from './Connection';
import { UpdateJournal } from './UpdateJournal';
import { summarizeArticle } from '../articles/budgetLine';
import type { Fanout } from '../scaleout/Fanout';
import type { CollabMetrics } from '../ops/metrics';

/** What the collab server needs. */
export interface CollabOptions {
  store: DocStore;
  articles: ArticleStore;
  authenticator: Authenticator;
  log: Logger;
  compactAfter: number;
  /** A user's access to an article, or undefined when there is no such article. */
  accessOf: (user: User, articleId: string) => Promise<Access | undefined>;
  /** Called when a story's budget line changed: someone opened or left it, or its summary was refreshed. */
  onBudgetChanged?: (articleId: string) => void;
  /** Whether an upgrade's Origin header is one we serve; refused otherwise. */
  originAllowed: (req: IncomingMessage) => boolean;
  /** The other instances; `LocalFanout` when there are none. */
  fanout: Fanout;
  metrics?: CollabMetrics;
  /** Called with the suggestions an accepted update carried. */
  onSuggestions?: (articleId: string, suggestions: SeenSuggestion[]) => void;
  /** Called with who wrote with which new Yjs clients and who deleted what (see `RoomDeps`). */
  onAuthorship?: RoomDeps['onAuthorship'];
  /** Who wrote with each Yjs client of a story (see `RoomDeps`). */
  clientOwners?: RoomDeps['clientOwners'];
}

const collabPath = /^\/collab\/([^/?#]+)\/?(?:\?.*)?$/;
/**
 * How long a story's budget line waits after a change before it is refreshed. A little jitter keeps
 * the rooms of a busy newsroom from all refreshing in the same instant.
 */
const SummaryDelayMs = 2000;
const SummaryJitterMs = 1000;
/** Frames that arrive while the room loads are kept, in order, up to this many bytes. */
const MaxEarlyBytes = 4 * 1024 * 1024;
/** How long a new socket may take to be authenticated and get its room, before it is closed. */
const OpenTimeoutMs = 10_000;

/** All open article rooms of this process. */
export class CollabServer {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MaxFrameBytes });
  private readonly rooms = new Map<string, Promise<ArticleRoom>>();
  private readonly summaryTimers = new Map<string, NodeJS.Timeout>();
  readonly journal: UpdateJournal;
  private draining = false;

  constructor(private readonly options: CollabOptions) {
    this.journal = new UpdateJournal(options.store, options.metrics?.appendSeconds);
    // After the link to the other instances was down, every open story reads what it missed from the store.
    options.fanout.onReconnect(() => {
      for (const pending of this.rooms.values()) void settled.get(pending)?.catchUp();
    });
  }

  /** How many stories and connections this instance holds (metrics). */
  counts(): { docs: number; connections: number } {
    let docs = 0;
    let connections = 0;
    for (const pending of this.rooms.values()) {
      const room = settled.get(pending);
      if (!room || room.destroyed) continue;
      docs++;
      connections += room.connections.size;
    }
    return { docs, connections };
  }

  /** Whether an upgrade request is for this endpoint. */
  handles(req: IncomingMessage): boolean {
    return collabPath.test(req.url ?? '');
  }

  /** Takes over an HTTP upgrade for `/collab/:id`. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    if (this.draining || !this.options.originAllowed(req)) {
      // Answer and hang up: a refused upgrade must not linger half-open.
      socket.end(`HTTP/1.1 ${this.draining ? '503 Service Unavailable' : '403 Forbidden'}\r\nConnection: close\r\n\r\n`, () => socket.destroy());
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => void this.accept(ws, req, socket));
  }

  /** People in each open story. */
  presence(): Map<string, Person[]> {
    const result = new Map<string, Person[]>();
    for (const [id, pending] of this.rooms) {
      const room = settled.get(pending);
      if (room && !room.destroyed) result.set(id, room.people());
    }
    return result;
  }

  /** People in one story (empty when it is not open here). */
  presenceOf(articleId: string): Person[] {
    const pending = this.rooms.get(articleId);
    const room = pending && settled.get(pending);
    return room && !room.destroyed ? room.people() : [];
  }

  /** The live doc of an open article, if this process has it (and has applied what it read). */
  openRoom(articleId: string): ArticleRoom | undefined {
    const pending = this.rooms.get(articleId);
    const room = pending && settled.get(pending);
    return room?.isReady ? room : undefined;
  }

  /**
   * Applies a change the server makes for someone to a story's live doc, opening it when no one here
   * has it open; resolves once the change is stored (and sent to everyone in the story).
   */
  async applyServerChange(articleId: string, change: (doc: Y.Doc) => Uint8Array | null, origin: ServerEdit): Promise<void> {
    if (this.draining) throw new Error('the collab server is shutting down');
    const room = await this.roomFor(articleId);
    await room.applyServerChange(change, origin);
  }

  /** Closes every connection of the given sessions or users (logout, a role or password change). */
  closeSessions(match: { sessionId?: string; userId?: string }): void {
    for (const pending of this.rooms.values()) {
      const room = settled.get(pending);
      for (const conn of room?.connections ?? []) {
        if (conn.sessionId === match.sessionId || conn.user.id === match.userId) conn.close(CloseCodes.Unauthenticated);
      }
    }
  }

  /** Recomputes the access of every connection to a story (after a workflow step or a byline change). */
  async refreshAccess(articleId: string): Promise<void> {
    // Applied or not: a room serving readers from the stored bytes has connections all the same.
    const pending = this.rooms.get(articleId);
    const room = pending && settled.get(pending);
    if (!room || room.destroyed) return;
    for (const conn of room.connections) {
      const access = await this.options.accessOf(conn.user, articleId);
      if (access) conn.access = access;
      else conn.close(CloseCodes.NotFound);
    }
  }

  /** Stops accepting, flushes every doc, and closes every connection with a reconnect code. */
  async drain(): Promise<void> {
    this.draining = true;
    const rooms = await Promise.allSettled([...this.rooms.values()]);
    await Promise.all(rooms.map((r) => (r.status === 'fulfilled' ? r.value.shutdown(CloseCodes.ShuttingDown) : undefined)));
    await this.journal.drain();
    await this.flushSummaries();
    // Clients that do not answer the close within a second are cut, so a dead peer cannot hold up the exit.
    const deadline = Date.now() + 1000;
    while (this.wss.clients.size && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    for (const client of this.wss.clients) client.terminate();
    this.wss.close();
  }

  private async accept(ws: WebSocket, req: IncomingMessage, wire: Duplex): Promise<void> {
    const articleId = decodeURIComponent(collabPath.exec(req.url ?? '')![1]);
    // Frames may arrive before the room is ready; keep them in order.
    const early: Uint8Array[] = [];
    let earlyBytes = 0;
    let conn: Connection | undefined;
    let room: ArticleRoom | undefined;
    ws.on('message', (data: RawData, isBinary: boolean) => {
      const frame = toBytes(data);
      if (!isBinary) return ws.close(CloseCodes.BadMessage.code, 'binary frames only');
      if (room && conn) {
        conn.admit(frame.byteLength);
        return room.receive(conn, frame);
      }
      earlyBytes += frame.byteLength;
      if (earlyBytes > MaxEarlyBytes) return ws.close(CloseCodes.TooLarge.code, CloseCodes.TooLarge.reason);
      early.push(frame);
    });
    ws.on('close', () => {
      if (room && conn) {
        room.leave(conn);
        this.options.onBudgetChanged?.(articleId);
      }
    });
    ws.on('error', (err) => this.options.log.debug({ err }, 'collab socket error'));

    const openTimer = setTimeout(() => {
      if (!conn) ws.close(CloseCodes.LoadFailed.code, 'the story took too long to open');
    }, OpenTimeoutMs);
    try {
      const session = await this.options.authenticator.sessionOf(req);
      if (!session) return ws.close(CloseCodes.Unauthenticated.code, CloseCodes.Unauthenticated.reason);
      const { user, sessionId } = session;
      const access = await this.options.accessOf(user, articleId);
      if (!access) return ws.close(CloseCodes.NotFound.code, CloseCodes.NotFound.reason);
      const opened = await this.roomFor(articleId);
      if (ws.readyState !== ws.OPEN) return;
      conn = new Connection(ws, user, sessionId, access, wire);
      room = opened;
      room.join(conn);
      this.options.onBudgetChanged?.(articleId);
      for (const frame of early.splice(0)) {
        if (!conn.isOpen) break;
        room.receive(conn, frame);
      }
    } catch (err) {
      this.options.log.error({ err, articleId }, 'could not open the story');
      ws.close(CloseCodes.LoadFailed.code, CloseCodes.LoadFailed.reason);
    } finally {
      clearTimeout(openTimer);
    }
  }

  /** The room of an article, loading it once however many connections ask at the same time. */
  private async roomFor(articleId: string): Promise<ArticleRoom> {
    for (;;) {
      let pending = this.rooms.get(articleId);
      if (!pending) {
        pending = ArticleRoom.load(articleId, {
          store: this.options.store,
          journal: this.journal,
          log: this.options.log,
          compactAfter: this.options.compactAfter,
          onChanged: (r) => this.summaryChanged(r),
          onUnloaded: (r) => this.unloaded(r),
          fanout: this.options.fanout,
          metrics: this.options.metrics,
          onSuggestions: this.options.onSuggestions,
          onAuthorship: this.options.onAuthorship,
          clientOwners: this.options.clientOwners,
        });
        this.rooms.set(articleId, pending);
        pending.then(
          (room) => settled.set(pending!, room),
          () => this.rooms.delete(articleId),
        );
      }
      const room = await pending;
      // A room that emptied and unloaded while we waited is gone: load a fresh one.
      if (!room.destroyed) return room;
      if (this.rooms.get(articleId) === pending) this.rooms.delete(articleId);
    }
  }

  private unloaded(room: ArticleRoom): void {
    const pending = this.rooms.get(room.articleId);
    if (pending && settled.get(pending) === room) this.rooms.delete(room.articleId);
    const timer = this.summaryTimers.get(room.articleId);
    if (timer) {
      clearTimeout(timer);
      this.summaryTimers.delete(room.articleId);
      this.writeSummary(room.articleId, room);
    }
  }

  private summaryChanged(room: ArticleRoom): void {
    const existing = this.summaryTimers.get(room.articleId);
    if (existing) return;
    this.summaryTimers.set(
      room.articleId,
      setTimeout(() => {
        this.summaryTimers.delete(room.articleId);
        if (!room.destroyed) this.writeSummary(room.articleId, room);
      }, SummaryDelayMs + Math.random() * SummaryJitterMs),
    );
  }

  private async flushSummaries(): Promise<void> {
    for (const [articleId, timer] of this.summaryTimers) {
      clearTimeout(timer);
      const room = this.openRoom(articleId);
      if (room) this.writeSummary(articleId, room);
    }
    this.summaryTimers.clear();
  }

  private writeSummary(articleId: string, room: ArticleRoom): void {
    try {
      void this.options.articles
        .touch(articleId, summarizeArticle(room.doc))
        .then(() => this.options.onBudgetChanged?.(articleId))
        .catch((err: unknown) => this.options.log.error({ err, articleId }, 'could not store the story summary'));
    } catch (err) {
      this.options.log.error({ err, articleId }, 'could not refresh the story summary');
    }
  }
}

/** Rooms whose load has finished, by their load promise. */
const settled = new WeakMap<Promise<ArticleRoom>, ArticleRoom>();

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
