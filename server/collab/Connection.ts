/** One client's WebSocket into one article room. */
import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import type { CloseReason } from '../../shared/closeCodes';
import type { Access } from '../../shared/workflow';
import type { User } from '../auth/users';

/** A slow reader whose unsent frames pass this is dropped instead of growing the server's memory. */
const MaxBufferedBytes = 16 * 1024 * 1024;
/**
 * What one connection may send: frames and bytes per second, with a burst. Past it, the server stops
 * reading from that socket until the allowance refills, so a flood is slowed, not served. Generous
 * enough for a replayed editing trace (tens of thousands of tiny updates a second).
 */
const Allowance = { framesPerSecond: 50_000, bytesPerSecond: 8 * 1024 * 1024, burstSeconds: 2 };

/** A signed-in client connected to an article. */
export class Connection {
  /** Awareness client ids this connection has announced, removed when it leaves. */
  readonly awarenessClients = new Set<number>();
  private closed = false;
  private frames = Allowance.framesPerSecond * Allowance.burstSeconds;
  private bytes = Allowance.bytesPerSecond * Allowance.burstSeconds;
  private refilledAt = performance.now();
  /** Whether the wire holds what is sent until this turn's work is done. */
  private corked = false;

  constructor(
    readonly socket: WebSocket,
    readonly user: User,
    /** The session this connection was opened with; it is closed when that session ends. */
    readonly sessionId: string,
    /** What this person may do to the story now; changes live with the workflow. */
    public access: Access,
    /** The TCP socket under the WebSocket: frames sent in one turn leave in one write. */
    private readonly wire?: Pick<Duplex, 'cork' | 'uncork'>,
  ) {}

  get isOpen(): boolean {
    return !this.closed && this.socket.readyState === this.socket.OPEN;
  }

  /**
   * Counts a received frame against the allowance; when it is spent, stops reading from the socket
   * for as long as the allowance needs to refill.
   */
  admit(byteLength: number): void {
    const now = performance.now();
    const elapsed = (now - this.refilledAt) / 1000;
    this.refilledAt = now;
    const burst = Allowance.burstSeconds;
    this.frames = Math.min(Allowance.framesPerSecond * burst, this.frames + elapsed * Allowance.framesPerSecond) - 1;
    this.bytes = Math.min(Allowance.bytesPerSecond * burst, this.bytes + elapsed * Allowance.bytesPerSecond) - byteLength;
    const waitMs = Math.max(-this.frames / Allowance.framesPerSecond, -this.bytes / Allowance.bytesPerSecond) * 1000;
    if (waitMs > 0 && this.isOpen) {
      this.socket.pause();
      setTimeout(() => this.isOpen && this.socket.resume(), waitMs);
    }
  }

  /** Sends a frame, dropping the connection if the client cannot keep up. */
  send(frame: Uint8Array, written?: () => void): void {
    if (!this.isOpen) return written?.();
    if (this.socket.bufferedAmount > MaxBufferedBytes) {
      // A close frame would queue behind the backlog it is meant to end: cut the socket instead.
      this.closed = true;
      this.socket.terminate();
      return written?.();
    }
    if (this.wire && !this.corked) {
      // A text update and the carets that follow it, or several updates stored in one batch, cost
      // one system call instead of one each.
      this.corked = true;
      this.wire.cork();
      process.nextTick(() => {
        this.corked = false;
        this.wire!.uncork();
      });
    }
    this.socket.send(frame, written && (() => written()));
  }

  /** Closes with one of the shared close reasons. */
  close(reason: CloseReason | { code: number; reason: string; final: boolean }): void {
    if (this.closed) return;
    this.closed = true;
    if (this.socket.readyState === this.socket.OPEN || this.socket.readyState === this.socket.CONNECTING) {
      this.socket.close(reason.code, reason.reason);
    }
  }
}
