/**
 * How instances of one newsroom hear each other. Every instance that has a story open subscribes
 * to its channel: doc updates and awareness its own clients sent reach the others. Newsroom-wide
 * signals (a session ended, a story's access changed) reach the other instances; the sender acts
 * on its own. Alone, an instance needs none of it: `LocalFanout` sends nothing anywhere.
 */

/** What travels on a story's channel. */
export interface PeerMessage {
  kind: 'update' | 'awareness';
  payload: Uint8Array;
}

/** Something every instance must act on. */
export type Signal =
  | { kind: 'revoke'; sessionId?: string; userId?: string }
  | { kind: 'access'; articleId: string };

/** One story's subscription. */
export interface StoryChannel {
  /** Whether anything published reaches another instance (false alone: nothing need be encoded). */
  readonly shared: boolean;
  publish(message: PeerMessage): void;
  leave(): void;
}

export interface Fanout {
  /** Subscribes to a story's channel; resolves once subscribed, so nothing sent later is missed. */
  join(articleId: string, onMessage: (message: PeerMessage) => void): Promise<StoryChannel>;
  /** Sends a signal to the other instances. */
  signal(signal: Signal): void;
  onSignal(handler: (signal: Signal) => void): void;
  /** Called after the link to the other instances was lost and is back: messages may have been missed. */
  onReconnect(handler: () => void): void;
  /** Whether the link is up (readiness). */
  healthy(): Promise<boolean>;
  close(): Promise<void>;
}

/** A single instance: nobody to tell. */
export class LocalFanout implements Fanout {
  async join(): Promise<StoryChannel> {
    return { shared: false, publish: () => undefined, leave: () => undefined };
  }

  signal(): void {}

  onSignal(): void {}

  onReconnect(): void {}

  async healthy(): Promise<boolean> {
    return true;
  }

  async close(): Promise<void> {}
}
