/** One client's WebSocket into one article room. */
import type { WebSocket } from 'ws';
import type { CloseReason } from '../../shared/closeCodes';
import type { Access } from '../../shared/workflow';
import type { User } from '../auth/users';

/** A slow reader whose unsent frames pass this is dropped instead of growing the server's memory. */
const MaxBufferedBytes = 16 * 1024 * 1024;

/** A signed-in client connected to an article. */
export class Connection {
  /** Awareness client ids this connection has announced, removed when it leaves. */
  readonly awarenessClients = new Set<number>();
  private closed = false;

  constructor(
    readonly socket: WebSocket,
    readonly user: User,
    /** What this person may do to the story now; changes live with the workflow. */
    public access: Access,
  ) {}

  get isOpen(): boolean {
    return !this.closed && this.socket.readyState === this.socket.OPEN;
  }

  /** Sends a frame, dropping the connection if the client cannot keep up. */
  send(frame: Uint8Array): void {
    if (!this.isOpen) return;
    if (this.socket.bufferedAmount > MaxBufferedBytes) {
      this.close({ code: 1013, reason: 'client too slow', final: false });
      return;
    }
    this.socket.send(frame);
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
