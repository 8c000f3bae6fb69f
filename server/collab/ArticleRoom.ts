/**
 * One open article: its live `Y.Doc`, awareness and connections. Client updates are applied,
 * appended to the store, and only then sent to the other connections.
 */
import * as Y from 'yjs';
import { CloseCodes } from '../../shared/closeCodes';
import { allows } from '../../shared/workflow';
import type { Person } from '../../shared/api';
import { colorFor } from '../../shared/people';
import type { Logger } from '../logger';
import type { DocStore, StoredDoc } from '../store/DocStore';
import { Connection } from './Connection';
import { awarenessUpdateFrame, parseClientFrame, ProtocolError, storedStep2Frame, syncStep1Frame, syncStep2Frame, updateFrame, type ClientMessage } from './protocol';
import { checkUpdate, type DecodedStructs } from './updateCheck';
import { SuggestionGuard, type SeenSuggestion } from './suggestionCheck';
import { AwarenessError, cleanAwarenessUpdate, type AwarenessSpeaker } from './awarenessGuard';
import { Carets, OutdatedMs, readCaretEntries, type CaretEntry } from './Carets';
import type { UpdateJournal } from './UpdateJournal';
import { compactArticle, compactFromLiveDoc } from './compaction';
import { applyStored } from '../store/applyStored';
import type { Fanout, PeerMessage, StoryChannel } from '../scaleout/Fanout';
import type { CollabMetrics } from '../ops/metrics';

/** What a room needs from the rest of the server. */
export interface RoomDeps {
  store: DocStore;
  journal: UpdateJournal;
  log: Logger;
  /**
   * Compact once the log holds this many updates, and at least as many bytes as the snapshot (a
   * compaction reads the whole snapshot: a long story is compacted less often, so its cost per
   * update stays flat). A story left with this many is compacted when it closes.
   */
  compactAfter: number;
  /** Called, debounced, after the doc changed: the story list's summary is refreshed from it. */
  onChanged: (room: ArticleRoom) => void;
  /** Called once the room has been unloaded. */
  onUnloaded: (room: ArticleRoom) => void;
  /** The other instances that may have the story open. */
  fanout: Fanout;
  metrics?: CollabMetrics;
  /** Called with the suggestions an accepted update carried (the ledger records when each was first seen). */
  onSuggestions?: (articleId: string, suggestions: SeenSuggestion[]) => void;
  /** Called with who wrote with which new Yjs clients and who deleted what, after a change from a connection or a `ServerEdit`. */
  onAuthorship?: (articleId: string, authorship: { userId: string; clients: number[]; deletions: { client: number; clock: number; len: number }[] }) => void;
  /** Who wrote with each Yjs client of the story (user ids), as recorded from `onAuthorship`. */
  clientOwners?: (articleId: string) => Promise<Map<number, string>>;
}

/** The origin of a change the server makes on someone's behalf (restoring a version): it is theirs. */
export class ServerEdit {
  constructor(readonly userId: string) {}
}

/** How long an opened room waits for its first connection's first frame before applying what it read. */
const FirstSyncWaitMs = 20;

/** An update that adds nothing: the step 2 of a story the store holds no snapshot of. */
const EmptyUpdate = new Uint8Array([0, 0]);

/** Marks what another instance stored and sent: passed on to our clients, not stored again. */
const fromPeer = Symbol('from-peer');

/** An open article doc and everyone in it. */
export class ArticleRoom {
  readonly doc: Y.Doc;
  /** Everyone's carets (awareness states); the server has none of its own. */
  readonly carets = new Carets();
  /** Drops carets nobody renewed. */
  private readonly caretTimer: NodeJS.Timeout;
  readonly connections = new Set<Connection>();
  /**
   * Each connection as its carets' speaker, made once: the stock provider sends back every caret it
   * hears, so a busy story cleans hundreds of awareness updates a second.
   */
  private readonly speakers = new WeakMap<Connection, AwarenessSpeaker>();
  destroyed = false;
  private durable: Promise<void> = Promise.resolve();
  /** The stored log's length and bytes, and the stored snapshot's bytes: when to compact. */
  private logLength: number;
  private logBytes: number;
  private snapshotBytes: number;
  /** The compaction under way, if one is. */
  private compaction: Promise<void> | null = null;
  /** Made when the first update needs it. */
  private suggestionGuard: SuggestionGuard | undefined;
  /**
   * Who wrote with each Yjs client (user ids): read from the store at load, filled as changes are
   * accepted. The diff credits a client's text to its writer, so nobody may write with another's.
   */
  private readonly owners: Map<number, string>;
  /** Clients already in the doc whose writer the store was asked for and did not know: the next to write with one owns it. */
  private readonly unowned = new Set<number>();
  /**
   * Frames that arrived while the stored doc was being applied, or while the store was asked who
   * owns a client: replayed in order once it is done.
   */
  private heldFrames: [Connection, Uint8Array][] | null = [];
  /** What the store held at opening, until it is applied to the doc (see `load`). */
  private stored: StoredDoc | null;
  /** What other instances sent before the stored doc was applied. */
  private readonly early: PeerMessage[];
  /** Resolves once the stored doc is applied (or the room failed to apply it, and is destroyed). */
  readonly ready: Promise<void>;
  private startApplying: () => void = () => undefined;
  /** Applies the stored doc if no connection has asked for anything by then. */
  private applyTimer: NodeJS.Timeout | undefined;

  private catchingUp = false;

  private constructor(
    readonly articleId: string,
    private readonly deps: RoomDeps,
    stored: StoredDoc,
    private readonly channel: StoryChannel,
    owners: Map<number, string>,
    early: PeerMessage[],
  ) {
    this.doc = new Y.Doc({ guid: articleId });
    this.stored = stored;
    this.early = early;
    this.ready = new Promise<void>((resolve) => (this.startApplying = resolve)).then(() => this.applyStoredDoc());
    this.applyTimer = setTimeout(() => this.applySoon(), FirstSyncWaitMs);
    // What another instance sent while the store was read is not in the stored bytes: apply, then pass it on.
    if (early.length) this.applySoon();
    this.logLength = stored.updates.length;
    this.logBytes = stored.updates.reduce((n, u) => n + u.byteLength, 0);
    this.snapshotBytes = stored.snapshot?.byteLength ?? 0;
    this.owners = owners;
    this.doc.on('afterTransaction', (tr: Y.Transaction) => this.noteAuthorship(tr));
    this.caretTimer = setInterval(() => this.caretsGone(this.carets.expire()), OutdatedMs / 10);
    this.caretTimer.unref();
  }

  private speakerOf(conn: Connection): AwarenessSpeaker {
    let speaker = this.speakers.get(conn);
    if (!speaker) {
      speaker = {
        identity: { name: conn.user.name, color: colorFor(conn.user.id) },
        owned: conn.awarenessClients,
        ownedByOther: (id) => {
          for (const c of this.connections) if (c !== conn && c.awarenessClients.has(id)) return true;
          return false;
        },
      };
      this.speakers.set(conn, speaker);
    }
    return speaker;
  }

  /**
   * Takes carets from a connection or another instance and passes on those that are new: not back to
   * the sender (its own states are what it just sent), and after the text it sent before them is
   * stored and sent, so a caret never arrives before the words it stands in.
   */
  private caretsFrom(origin: Connection | typeof fromPeer, payload: Uint8Array, entries: CaretEntry[]): void {
    const { taken, added, removed } = this.carets.apply(entries);
    if (!taken) return;
    if (origin instanceof Connection) {
      for (const id of added) origin.awarenessClients.add(id);
      for (const id of removed) origin.awarenessClients.delete(id);
    }
    const frame = awarenessUpdateFrame(payload);
    if (origin instanceof Connection) void this.durable.then(() => this.sendCarets(frame, origin), () => undefined);
    else this.sendCarets(frame, origin);
    if (origin !== fromPeer && this.channel.shared) this.channel.publish({ kind: 'awareness', payload });
  }

  private sendCarets(frame: Uint8Array, origin: Connection | typeof fromPeer): void {
    for (const conn of this.connections) if (conn !== origin) conn.send(frame);
  }

  /** Tells everyone, here and on other instances, that these carets are gone. */
  private caretsGone(removal: Uint8Array | null): void {
    if (!removal) return;
    const frame = awarenessUpdateFrame(removal);
    for (const conn of this.connections) conn.send(frame);
    if (this.channel.shared) this.channel.publish({ kind: 'awareness', payload: removal });
  }

  /**
   * Opens an article: reads the store, and applies what it holds to the doc only when something needs
   * the doc: an edit, a client that holds some of the story already, another instance's message, a
   * change the server makes (or nobody said anything within `FirstSyncWaitMs`). Until then a new
   * client's first sync step 1 is answered with the stored bytes as they are, and carets pass as
   * always: a story opened only to be read is never decoded on the server, and the reader does not
   * share the CPU with that decode while it decodes the story itself. Everything else waits for `ready`.
   * A failed read throws: it never yields an empty doc.
   */
  static async load(articleId: string, deps: RoomDeps): Promise<ArticleRoom> {
    // Subscribe first, then read the store: an update another instance stores in between is then
    // heard twice at worst, never missed.
    const early: PeerMessage[] = [];
    let room: ArticleRoom | undefined;
    const channel = await deps.fanout.join(articleId, (message) => (room ? room.fromPeer(message) : early.push(message)));
    try {
      const [stored, owners] = await Promise.all([deps.store.load(articleId), deps.clientOwners?.(articleId) ?? new Map<number, string>()]);
      room = new ArticleRoom(articleId, deps, stored, channel, owners, early);
    } catch (err) {
      channel.leave();
      throw err;
    }
    return room;
  }

  /** Whether the stored doc is applied: until then the doc is empty, and only joins, first syncs and carets are served. */
  get isReady(): boolean {
    return this.stored === null && !this.destroyed;
  }

  /** Applies the stored doc on the next turn. */
  private applySoon(): void {
    clearTimeout(this.applyTimer);
    setImmediate(this.startApplying);
  }

  private applyStoredDoc(): void {
    const stored = this.stored;
    if (this.destroyed || !stored) return;
    try {
      applyStored(this.doc, stored);
    } catch (err) {
      return this.fail(err);
    }
    // Listened to from here on: Yjs would otherwise encode the whole stored story again, for nothing.
    this.doc.on('update', (update: Uint8Array, origin: unknown) => this.onDocUpdate(update, origin));
    this.stored = null;
    this.noteUnowned(this.doc.store.clients.keys());
    for (const message of this.early.splice(0)) this.fromPeer(message);
    // They were told the carets when they joined.
    for (const conn of this.connections) conn.send(syncStep1Frame(this.doc));
    this.compactWhenDue();
    const held = this.heldFrames ?? [];
    this.heldFrames = null;
    this.replay(held);
  }

  /**
   * Serves a frame before the stored doc is applied, if it can be: a new client's sync step 1 (an
   * empty state vector) is answered with the stored bytes as they are (the snapshot, then the log
   * merged into one update as the step 2, so the client's doc is whole when it counts itself synced,
   * and the log's updates, which build on the snapshot, never wait in the client for it); carets do
   * not need the doc, and are returned, parsed, to be handled as always. Anything else does.
   */
  private serveUnapplied(conn: Connection, frame: Uint8Array, stored: StoredDoc): 'answered' | 'needs-doc' | Extract<ClientMessage, { kind: 'awareness' | 'query-awareness' }> {
    let message: ClientMessage;
    try {
      message = parseClientFrame(frame);
    } catch {
      return 'needs-doc';
    }
    if (message.kind === 'awareness' || message.kind === 'query-awareness') return message;
    if (message.kind !== 'sync-step1' || Y.decodeStateVector(message.stateVector).size > 0) return 'needs-doc';
    clearTimeout(this.applyTimer);
    // Merged once: every later reader of the room gets the same bytes.
    if (stored.updates.length > 1) stored.updates = [Y.mergeUpdates(stored.updates)];
    if (!stored.updates.length) {
      conn.send(storedStep2Frame(stored.snapshot ?? EmptyUpdate));
      return 'answered';
    }
    if (stored.snapshot) conn.send(updateFrame(stored.snapshot));
    conn.send(storedStep2Frame(stored.updates[0]));
    return 'answered';
  }

  /** Applies what another instance's clients sent. */
  fromPeer(message: PeerMessage): void {
    if (this.destroyed) return;
    // A caret needs no doc, unless text it may stand in is still waiting.
    if (this.stored && (message.kind !== 'awareness' || this.early.length)) {
      this.early.push(message);
      return this.applySoon();
    }
    try {
      if (message.kind === 'awareness') return this.caretsFrom(fromPeer, message.payload, readCaretEntries(message.payload));
      Y.applyUpdate(this.doc, message.payload, fromPeer);
      // Something it builds on never reached us (a message lost while the link was down): read the store.
      if (this.doc.store.pendingStructs || this.doc.store.pendingDs) void this.catchUp();
    } catch (err) {
      this.deps.log.warn({ err, articleId: this.articleId }, 'ignored a message from another instance');
    }
  }

  /** Applies whatever the store holds that this doc lacks, and passes it to our clients. */
  async catchUp(): Promise<void> {
    if (this.catchingUp || this.destroyed) return;
    this.catchingUp = true;
    try {
      const stored = await this.deps.store.load(this.articleId);
      if (this.destroyed) return;
      // Not applied yet: the readers still to come get what the store holds now.
      if (this.stored) this.stored = stored;
      else applyStored(this.doc, stored, fromPeer);
    } catch (err) {
      this.deps.log.error({ err, articleId: this.articleId }, 'could not catch up from the store');
    } finally {
      this.catchingUp = false;
    }
  }

  /** The people in the story now, one entry per person. */
  people(): Person[] {
    const byId = new Map<string, Person>();
    for (const c of this.connections) byId.set(c.user.id, { id: c.user.id, name: c.user.name, color: colorFor(c.user.id) });
    return [...byId.values()];
  }

  /** Adds a connection and starts the sync handshake with it. */
  join(conn: Connection): void {
    this.connections.add(conn);
    if (this.isReady) this.greet(conn);
    else this.tellCarets(conn);
  }

  /** Starts the sync handshake with a connection, and tells it who is here. */
  private greet(conn: Connection): void {
    conn.send(syncStep1Frame(this.doc));
    this.tellCarets(conn);
  }

  /** Sends a connection everyone's carets, if anyone has one. */
  private tellCarets(conn: Connection): void {
    if (this.carets.clients.length) conn.send(awarenessUpdateFrame(this.carets.encodeAll()));
  }

  /** Handles one frame from a connection; a malformed one closes that connection only. */
  receive(conn: Connection, frame: Uint8Array): void {
    let message: ClientMessage | undefined;
    if (this.stored) {
      // A connection with frames waiting keeps its order: its carets come after its earlier text.
      const served = this.heldFrames?.some(([held]) => held === conn) ? 'needs-doc' : this.serveUnapplied(conn, frame, this.stored);
      if (served === 'answered') return;
      if (served === 'needs-doc') {
        this.applySoon();
        this.heldFrames?.push([conn, frame]);
        return;
      }
      message = served;
    } else if (this.heldFrames) {
      this.heldFrames.push([conn, frame]);
      return;
    }
    if (!message) {
      try {
        message = parseClientFrame(frame);
      } catch (err) {
        return this.refuse(conn, (err as ProtocolError).message);
      }
    }
    switch (message.kind) {
      case 'sync-step1': {
        // Answer only once this connection's earlier updates are durable: the client reads the
        // answer as "everything I sent so far is saved".
        this.durable.then(
          () => conn.send(syncStep2Frame(this.doc, message.stateVector)),
          () => undefined,
        );
        return;
      }
      case 'sync-step2':
      case 'update': {
        const verdict = checkUpdate(this.doc, message.update);
        if (!verdict.ok && 'refuse' in verdict) return this.refuse(conn, verdict.refuse);
        if (!verdict.ok) {
          // Nothing is lost: the client answers our step 1 with everything we lack, in one piece.
          conn.send(syncStep1Frame(this.doc));
          return;
        }
        if (!allows(conn.access, 'suggest')) {
          // A reader's client may resend what it already has (its reply to our sync step 1); anything
          // new is refused, and the connection closed so the client drops it rather than diverge.
          if (Y.snapshotContainsUpdate(Y.snapshot(this.doc), message.update)) return;
          this.deps.log.info({ articleId: this.articleId, userId: conn.user.id, access: conn.access }, 'refused an edit from a connection that may not edit');
          return conn.close(CloseCodes.ReadOnly);
        }
        const clients = this.checkClients(conn, verdict.structs);
        if (clients === 'ask-store') return this.holdUntilOwnersRead(conn, frame);
        if (clients === 'borrowed') {
          // Closed like a change in another's name: the client drops it and reloads what the server holds.
          this.deps.log.info({ articleId: this.articleId, userId: conn.user.id }, 'refused a change written with the Yjs client of someone else');
          return conn.close(CloseCodes.SuggestionsOnly);
        }
        // Suggesters change the body only as their own suggestions; nobody writes one in another's name.
        const suggestions = (this.suggestionGuard ??= new SuggestionGuard(this.doc)).check(message.update, { userId: conn.user.id, access: conn.access }, verdict.structs);
        if (!suggestions.ok && 'resync' in suggestions) return conn.send(syncStep1Frame(this.doc));
        if (!suggestions.ok) {
          this.deps.log.info({ articleId: this.articleId, userId: conn.user.id, access: conn.access, why: suggestions.refuse }, 'refused a change that is not a suggestion of its sender');
          return conn.close(CloseCodes.SuggestionsOnly);
        }
        try {
          Y.applyUpdate(this.doc, message.update, conn);
        } catch (err) {
          return this.refuse(conn, `the update could not be applied (${(err as Error).message})`);
        }
        if (suggestions.suggestions.length) this.deps.onSuggestions?.(this.articleId, suggestions.suggestions);
        return;
      }
      case 'awareness': {
        let clean: { update: Uint8Array; entries: CaretEntry[] };
        try {
          clean = cleanAwarenessUpdate(message.update, this.speakerOf(conn));
        } catch (err) {
          return this.refuse(conn, err instanceof AwarenessError ? err.message : `awareness update not applied (${(err as Error).message})`);
        }
        return this.caretsFrom(conn, clean.update, clean.entries);
      }
      case 'query-awareness': {
        conn.send(awarenessUpdateFrame(this.carets.encodeAll()));
        return;
      }
    }
  }

  /** Removes a connection; the last one out unloads the room once its log is flushed. */
  leave(conn: Connection): void {
    if (!this.connections.delete(conn)) return;
    if (conn.awarenessClients.size) this.caretsGone(this.carets.remove(conn.awarenessClients));
    if (this.connections.size === 0) void this.unloadWhenIdle();
  }

  /**
   * Applies a change the server makes for someone (the update `change` computes from the live doc),
   * stores it and sends it to everyone; a room opened only for it is unloaded afterwards.
   */
  async applyServerChange(change: (doc: Y.Doc) => Uint8Array | null, origin: ServerEdit): Promise<void> {
    this.applySoon();
    await this.ready;
    if (this.destroyed) throw new Error('the story could not be opened');
    try {
      // Inside the try: a change that throws (a corrupt version) must not leave the room open for good.
      const update = change(this.doc);
      if (update) Y.applyUpdate(this.doc, update, origin);
      await this.durable;
    } finally {
      if (this.connections.size === 0) void this.unloadWhenIdle();
    }
  }

  /** Resolves when every update applied so far is stored. */
  whenDurable(): Promise<void> {
    return this.durable.catch(() => undefined);
  }

  /** Closes every connection with `reason` after flushing, and unloads. */
  async shutdown(reason: { code: number; reason: string; final: boolean }): Promise<void> {
    await this.whenDurable();
    await this.compaction;
    for (const conn of [...this.connections]) conn.close(reason);
    this.connections.clear();
    this.unload();
  }

  private onDocUpdate(update: Uint8Array, origin: unknown): void {
    if (origin === fromPeer) {
      // Stored by the instance that received it; ours only pass it on.
      const frame = updateFrame(update);
      for (const conn of this.connections) conn.send(frame);
      if (this.connections.size) this.deps.metrics?.updatesOut.inc(this.connections.size);
      this.deps.onChanged(this);
      return;
    }
    this.deps.metrics?.updatesIn.inc();
    const sender = origin instanceof Connection ? origin : undefined;
    const stored = this.deps.journal.append(this.articleId, update);
    this.durable = this.durable.then(() => stored);
    stored.then(
      () => {
        // Durable before broadcast: nobody sees an update the store could still lose.
        const frame = updateFrame(update);
        let sent = 0;
        for (const conn of this.connections) {
          if (conn === sender) continue;
          conn.send(frame);
          sent++;
        }
        if (sent) this.deps.metrics?.updatesOut.inc(sent);
        this.channel.publish({ kind: 'update', payload: update });
        this.logLength++;
        this.logBytes += update.byteLength;
        this.compactWhenDue();
        this.deps.onChanged(this);
      },
      (err) => this.fail(err),
    );
  }

  /**
   * Whether a connection's update writes new items with Yjs clients of other people ('borrowed'), or
   * with a client already in the doc whose writer this room does not know ('ask-store': it came from
   * another instance or an older log, and the store may know). Items the doc already has are no
   * claim: a client resends what it holds (its offline copy, say), and Yjs skips those.
   */
  private checkClients(conn: Connection, structs: DecodedStructs): 'ok' | 'borrowed' | 'ask-store' {
    const suspect = new Set<number>();
    for (const s of structs) {
      const client = s.id.client;
      if (suspect.has(client)) continue;
      const owner = this.owners.get(client);
      if (owner === conn.user.id) continue;
      // A client new to the doc is the sender's own; the change, once applied, makes it theirs.
      if (owner === undefined && (this.unowned.has(client) || Y.getState(this.doc.store, client) === 0)) continue;
      suspect.add(client);
    }
    if (!suspect.size) return 'ok';
    // Rare: an offline copy resent, a reconnect to another instance.
    let ask = false;
    for (const s of structs) {
      if (s instanceof Y.Skip || !suspect.has(s.id.client) || s.id.clock + s.length <= Y.getState(this.doc.store, s.id.client)) continue;
      if (this.owners.has(s.id.client)) return 'borrowed';
      ask = true;
    }
    return ask ? 'ask-store' : 'ok';
  }

  /**
   * Holds every frame of the room while the store is asked who owns the clients of this story, then
   * replays them in order. The store's word wins over this room's: it is what the diff shows.
   */
  private holdUntilOwnersRead(conn: Connection, frame: Uint8Array): void {
    this.heldFrames = [[conn, frame]];
    const asked = [...this.doc.store.clients.keys()];
    const read = this.deps.clientOwners?.(this.articleId) ?? Promise.resolve(new Map<number, string>());
    void read
      .then(
        (owners) => {
          for (const [client, userId] of owners) this.owners.set(client, userId);
        },
        (err) => this.deps.log.error({ err, articleId: this.articleId }, 'could not read who wrote with which Yjs client'),
      )
      .then(() => {
        this.noteUnowned(asked);
        const held = this.heldFrames ?? [];
        this.heldFrames = null;
        this.replay(held);
      });
  }

  /** Marks the clients, all in the doc when the store was asked, that it knows no writer for. */
  private noteUnowned(clients: Iterable<number>): void {
    for (const client of clients) if (!this.owners.has(client)) this.unowned.add(client);
  }

  /** Handles held frames in the order they came. */
  private replay(held: [Connection, Uint8Array][]): void {
    for (const [i, [conn, frame]] of held.entries()) {
      // A replayed frame may start another read of the store: the rest wait for that one, still in order.
      if (this.heldFrames) {
        this.heldFrames.push(...held.slice(i));
        return;
      }
      if (!this.destroyed && this.connections.has(conn)) this.receive(conn, frame);
    }
  }

  /**
   * Notes who made a change: the clients it wrote with (read from the transaction's state vectors;
   * each becomes theirs, and is reported once) and the ids it deleted (the transaction's delete set
   * holds only what it newly deleted).
   */
  private noteAuthorship(tr: Y.Transaction): void {
    const userId = tr.origin instanceof Connection ? tr.origin.user.id : tr.origin instanceof ServerEdit ? tr.origin.userId : undefined;
    if (!userId) return;
    const clients: number[] = [];
    for (const [client, clock] of tr.afterState) {
      if (this.owners.has(client) || clock === (tr.beforeState.get(client) ?? 0)) continue;
      this.owners.set(client, userId);
      this.unowned.delete(client);
      clients.push(client);
    }
    if (!this.deps.onAuthorship) return;
    const deletions: { client: number; clock: number; len: number }[] = [];
    tr.deleteSet.clients.forEach((items, client) => {
      for (const { clock, len } of items) deletions.push({ client, clock, len });
    });
    if (clients.length || deletions.length) this.deps.onAuthorship(this.articleId, { userId, clients, deletions });
  }

  /** The store refused a write: drop everyone so their clients resend on reconnect, and unload. */
  private fail(err: unknown): void {
    if (this.destroyed) return;
    this.deps.log.error({ err, articleId: this.articleId }, 'could not store an update; closing the room');
    for (const conn of [...this.connections]) conn.close(CloseCodes.LoadFailed);
    this.connections.clear();
    this.unload();
  }

  private refuse(conn: Connection, why: string): void {
    this.deps.log.warn({ articleId: this.articleId, userId: conn.user.id, why }, 'refused a collab frame');
    conn.close(CloseCodes.BadMessage);
  }

  private compactWhenDue(): void {
    if (this.logLength >= this.deps.compactAfter && this.logBytes >= this.snapshotBytes) this.compactSoon();
  }

  private compactSoon(): void {
    this.compaction ??= new Promise(setImmediate)
      .then(() => this.compact())
      .finally(() => (this.compaction = null));
  }

  /**
   * Merges the log into the snapshot. A story no other instance writes is encoded from this doc, which
   * holds every row of its log; otherwise the doc is rebuilt from the store.
   */
  private async compact(): Promise<void> {
    try {
      const live = this.isReady && !this.channel.shared;
      const result = live ? await compactFromLiveDoc(this.deps.store, this.articleId, this.doc) : await compactArticle(this.deps.store, this.articleId);
      if (result.merged) {
        this.deps.metrics?.compactions.inc();
        this.deps.metrics?.compactionSeconds.observe(result.ms / 1000);
        this.logLength = Math.max(0, this.logLength - result.merged);
        this.logBytes = Math.max(0, this.logBytes - result.mergedBytes);
        this.snapshotBytes = result.bytesAfter;
      }
      this.deps.log.debug({ articleId: this.articleId, ...result }, 'compacted');
    } catch (err) {
      this.deps.log.error({ err, articleId: this.articleId }, 'compaction failed; the log is kept as it was');
    }
  }

  private async unloadWhenIdle(): Promise<void> {
    await this.whenDurable();
    // Someone may have joined while the log was flushing.
    if (this.connections.size > 0) return;
    // A closed story is kept as one snapshot where it is worth it: the next to open it reads less.
    if (this.logLength >= this.deps.compactAfter) this.compactSoon();
    await this.compaction;
    if (this.connections.size === 0) this.unload();
  }

  private unload(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    clearTimeout(this.applyTimer);
    this.startApplying(); // `ready` resolves, with nothing applied
    this.channel.leave();
    this.suggestionGuard?.destroy();
    this.deps.onUnloaded(this);
    clearInterval(this.caretTimer);
    this.doc.destroy();
  }
}
