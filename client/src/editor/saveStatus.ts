/**
 * The one job of this module: say truthfully whether the server has stored every edit made here.
 *
 * The server's guarantee (the checkpoint): it answers a client's sync step 1 with sync step 2 only after
 * every update that connection sent before that step 1 is durably stored. So after local edits we send a
 * step 1 of our own, and its answer confirms every edit made up to the moment we sent it.
 *
 * Two details make the answer exact rather than hopeful:
 * - Answers are matched to questions by order on one connection (the server answers each step 1 with one
 *   step 2, in order), not by the provider's `sync` event, which the first answer on a connection would
 *   fire even when it was the reply to the provider's own opening step 1 and covers none of our edits.
 * - Edits made while offline reach the server only in our reply to the *server's* step 1 on the new
 *   connection. A checkpoint sent before that reply would not cover them, so no checkpoint goes out on a
 *   connection until the server's step 1 has been answered.
 */
import type * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';

/** What the status line says, and the `data-status` the tests read. */
export type SaveStatus = 'connecting' | 'saving' | 'saved' | 'offline' | 'offline-unsaved' | 'error';

/** The words for each status, as the status line shows them. */
export const SaveStatusLabels: Record<SaveStatus, string> = {
  connecting: 'Connecting…',
  saving: 'Saving…',
  saved: 'All changes saved',
  offline: 'Offline',
  'offline-unsaved': 'Offline — changes kept on this device',
  error: 'Not connected',
};

/** y-websocket's message type for sync messages. */
const messageSync = 0;
/** WebSocket.OPEN, spelled out so that this module also runs where WebSocket is not a global (Node 20). */
const socketOpen = 1;

type Link = 'first-connect' | 'online' | 'offline';

/** Tracks local edits against the server's checkpoints and reports a SaveStatus. */
export class SaveStatusTracker {
  /** Local edits seen so far (a counter, not a clock). */
  private editSeq = 0;
  /** The highest editSeq the server has confirmed as stored. */
  private confirmedSeq = 0;
  private link: Link = 'first-connect';
  /** Whether the reply to the provider's opening step 1 arrived on this connection. */
  private initialSynced = false;
  /** Whether the server's step 1 arrived (and was answered) on this connection. */
  private serverStep1Answered = false;
  /** Step 1s in flight on this connection, oldest first: the editSeq each covers, or null for the provider's own. */
  private inFlight: (number | null)[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private failed = false;
  private destroyed = false;
  private current: SaveStatus = 'connecting';
  private readonly listeners = new Set<(status: SaveStatus) => void>();
  private readonly restoreSyncHandler: () => void;

  constructor(
    private readonly doc: Y.Doc,
    private readonly provider: WebsocketProvider,
    private readonly debounceMs = 300,
  ) {
    doc.on('update', this.onDocUpdate);
    provider.on('status', this.onLinkStatus);
    provider.on('connection-close', this.onSocketClosed);
    if (provider.wsconnected) this.onLinkStatus({ status: 'connected' });

    // Watch sync messages as the provider handles them; the provider keeps a per-instance handler table.
    const original = provider.messageHandlers[messageSync];
    provider.messageHandlers[messageSync] = (encoder, decoder, p, emitSynced, messageType) => {
      const syncType = decoding.peekVarUint(decoder);
      original(encoder, decoder, p, emitSynced, messageType);
      // emitSynced is false for messages from other tabs (BroadcastChannel): not the server.
      if (emitSynced && !this.destroyed) this.onServerSyncMessage(syncType);
    };
    this.restoreSyncHandler = () => {
      provider.messageHandlers[messageSync] = original;
    };
  }

  /** The status now. */
  get status(): SaveStatus {
    return this.current;
  }

  /** Whether some local edit is not yet confirmed as stored by the server. */
  get hasUnsavedChanges(): boolean {
    return this.editSeq > this.confirmedSeq;
  }

  /** Call with each new status; returns the unsubscribe function. */
  subscribe(listener: (status: SaveStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The connection was refused for good (no access, no such story): stop claiming anything else. */
  fail(): void {
    this.failed = true;
    this.clearTimer();
    this.update();
  }

  /** Stop watching the doc and the provider. */
  destroy(): void {
    this.destroyed = true;
    this.clearTimer();
    this.doc.off('update', this.onDocUpdate);
    this.provider.off('status', this.onLinkStatus);
    this.provider.off('connection-close', this.onSocketClosed);
    this.restoreSyncHandler();
    this.listeners.clear();
  }

  private readonly onDocUpdate = (_update: Uint8Array, origin: unknown): void => {
    // Updates applied by the provider came from the server. Everything else is ours to save: typing,
    // undo, and updates loaded from this device's offline copy, which the server may never have seen.
    if (origin === this.provider) return;
    this.editSeq++;
    this.schedule(this.debounceMs);
    this.update();
  };

  private readonly onLinkStatus = ({ status }: { status: 'connected' | 'disconnected' | 'connecting' }): void => {
    if (status === 'connected') {
      this.link = 'online';
      this.initialSynced = false;
      this.serverStep1Answered = false;
      // The provider sends its own step 1 right after announcing the connection.
      this.inFlight = [null];
    } else if (status === 'disconnected') {
      this.link = 'offline';
      this.inFlight = [];
      this.clearTimer();
    }
    // 'connecting' changes nothing: until a socket opens we are still where we were.
    this.update();
  };

  /** Every closed socket, including one that never opened (the provider reports no status for those). */
  private readonly onSocketClosed = (): void => {
    this.link = 'offline';
    this.inFlight = [];
    this.clearTimer();
    this.update();
  };

  private onServerSyncMessage(syncType: number): void {
    if (syncType === syncProtocol.messageYjsSyncStep1) {
      // Our answer (carrying any offline edits) is sent right after this handler returns, so the
      // checkpoint must wait at least a tick to go out behind it.
      this.serverStep1Answered = true;
      this.schedule(0);
    } else if (syncType === syncProtocol.messageYjsSyncStep2) {
      const covered = this.inFlight.shift();
      if (covered === undefined) return; // an answer to nothing we asked: proves nothing
      this.initialSynced = true;
      if (covered !== null) this.confirmedSeq = Math.max(this.confirmedSeq, covered);
      if (this.hasUnsavedChanges) this.schedule(this.debounceMs);
    }
    this.update();
  }

  private schedule(delayMs: number): void {
    if (this.failed || this.destroyed) return;
    this.clearTimer();
    this.timer = setTimeout(() => {
      this.timer = null;
      this.sendCheckpoint();
    }, delayMs);
  }

  private clearTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private sendCheckpoint(): void {
    if (!this.hasUnsavedChanges || this.link !== 'online' || !this.serverStep1Answered) return;
    const ws = this.provider.ws;
    if (!ws || ws.readyState !== socketOpen) return;
    if (this.inFlight.some((seq) => seq !== null && seq >= this.editSeq)) return; // already asked
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, messageSync);
    syncProtocol.writeSyncStep1(encoder, this.doc);
    this.inFlight.push(this.editSeq);
    ws.send(encoding.toUint8Array(encoder));
  }

  private compute(): SaveStatus {
    if (this.failed) return 'error';
    const unsaved = this.hasUnsavedChanges;
    switch (this.link) {
      case 'first-connect':
        return 'connecting';
      case 'offline':
        return unsaved ? 'offline-unsaved' : 'offline';
      case 'online':
        if (unsaved) return 'saving';
        return this.initialSynced ? 'saved' : 'connecting';
    }
  }

  private update(): void {
    const next = this.compute();
    if (next === this.current) return;
    this.current = next;
    for (const listener of this.listeners) listener(next);
  }
}
