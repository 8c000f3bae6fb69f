/**
 * The fan-out over Redis pub/sub (`REDIS_URL`). A story's channel carries the doc updates and
 * awareness that one instance's clients sent, after that instance stored them; every other
 * instance applies them and passes them to its own clients. Yjs updates are idempotent, so a
 * message that arrives twice, or after the store already had it, does no harm.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Logger } from '../logger';
import type { Fanout, PeerMessage, Signal, StoryChannel } from './Fanout';

/** What the fan-out reports to the metrics. */
export interface FanoutObserver {
  published?: () => void;
  received?: (lagMs: number) => void;
}

const Kinds = ['update', 'awareness'] as const;
/** How long opening a story waits for its subscription before going on without it. */
const SubscribeWaitMs = 2000;

/**
 * A story message on the wire: kind (1 byte), send time in ms (8 bytes), sender id length (1 byte),
 * sender id, payload.
 */
export function encodePeerMessage(sender: string, message: PeerMessage, now = Date.now()): Buffer {
  const id = Buffer.from(sender, 'utf8');
  const out = Buffer.allocUnsafe(10 + id.length + message.payload.byteLength);
  out.writeUInt8(Kinds.indexOf(message.kind), 0);
  out.writeDoubleBE(now, 1);
  out.writeUInt8(id.length, 9);
  id.copy(out, 10);
  out.set(message.payload, 10 + id.length);
  return out;
}

export function decodePeerMessage(data: Buffer): { sender: string; sentAt: number; message: PeerMessage } | undefined {
  if (data.length < 10) return undefined;
  const kind = Kinds[data.readUInt8(0)];
  const idLength = data.readUInt8(9);
  if (!kind || data.length < 10 + idLength) return undefined;
  return {
    sentAt: data.readDoubleBE(1),
    sender: data.toString('utf8', 10, 10 + idLength),
    message: { kind, payload: new Uint8Array(data.subarray(10 + idLength)) },
  };
}

export class RedisFanout implements Fanout {
  /** This process, on the wire: its own messages are not applied twice. */
  readonly id = randomUUID();
  readonly publisher: Redis;
  readonly subscriber: Redis;
  private readonly stories = new Map<string, Set<(message: PeerMessage) => void>>();
  private readonly signalHandlers: ((signal: Signal) => void)[] = [];
  private readonly reconnectHandlers: (() => void)[] = [];
  private lostLink = false;

  constructor(
    url: string,
    private readonly prefix: string,
    private readonly log: Logger,
    private readonly observer: FanoutObserver = {},
  ) {
    // Reconnect for ever, at most a second apart: a restarted Redis is picked up without a restart of ours.
    const options = { retryStrategy: (times: number) => Math.min(times * 100, 1000), maxRetriesPerRequest: null, lazyConnect: false };
    this.publisher = new Redis(url, { ...options, connectionName: `${prefix}-pub` });
    this.subscriber = new Redis(url, { ...options, connectionName: `${prefix}-sub` });
    for (const client of [this.publisher, this.subscriber]) client.on('error', (err: Error) => log.debug({ err: err.message }, 'redis link error'));
    this.subscriber.on('close', () => {
      if (!this.lostLink) log.warn('lost the link to Redis; reconnecting');
      this.lostLink = true;
    });
    // `ready` comes after the subscriptions were renewed: only then can missed messages be caught up on.
    this.subscriber.on('ready', async () => {
      if (!this.lostLink) return;
      this.lostLink = false;
      log.info('the link to Redis is back; catching up on the open stories');
      // A story opened while the link was down may never have been subscribed: subscribe to all again.
      const channels = [...this.stories.keys()].map((id) => this.storyChannel(id));
      if (channels.length) await this.subscriber.subscribe(...channels).catch((err: Error) => log.warn({ err: err.message }, 'could not subscribe again'));
      for (const handler of this.reconnectHandlers) handler();
    });
    this.subscriber.on('messageBuffer', (channel: Buffer, data: Buffer) => this.received(channel.toString(), data));
    void this.subscriber.subscribe(this.signalChannel).catch((err: Error) => log.error({ err }, 'could not subscribe to the newsroom signals'));
  }

  private get signalChannel(): string {
    return `${this.prefix}:signals`;
  }

  private storyChannel(articleId: string): string {
    return `${this.prefix}:story:${articleId}`;
  }

  async join(articleId: string, onMessage: (message: PeerMessage) => void): Promise<StoryChannel> {
    const channel = this.storyChannel(articleId);
    let listeners = this.stories.get(articleId);
    if (!listeners) {
      this.stories.set(articleId, (listeners = new Set()));
      // While Redis is down the story still opens, from the store; the subscription and a catch-up
      // follow when the link is back.
      const subscribed = this.subscriber.subscribe(channel).catch((err: Error) => this.log.warn({ err: err.message, articleId }, 'could not subscribe to a story yet'));
      await Promise.race([subscribed, new Promise((resolve) => setTimeout(resolve, SubscribeWaitMs).unref())]);
    }
    listeners.add(onMessage);
    return {
      shared: true,
      publish: (message) => {
        this.observer.published?.();
        this.publisher.publish(channel, encodePeerMessage(this.id, message)).catch((err: Error) => this.log.warn({ err: err.message, articleId }, 'could not publish to the other instances'));
      },
      leave: () => {
        const current = this.stories.get(articleId);
        if (!current?.delete(onMessage) || current.size) return;
        this.stories.delete(articleId);
        this.subscriber.unsubscribe(channel).catch(() => undefined);
      },
    };
  }

  signal(signal: Signal): void {
    // Our own copy is skipped on arrival.
    this.publisher.publish(this.signalChannel, JSON.stringify({ from: this.id, signal })).catch((err: Error) => this.log.warn({ err: err.message }, 'could not send a signal to the other instances'));
  }

  onSignal(handler: (signal: Signal) => void): void {
    this.signalHandlers.push(handler);
  }

  onReconnect(handler: () => void): void {
    this.reconnectHandlers.push(handler);
  }

  async healthy(): Promise<boolean> {
    if (this.subscriber.status !== 'ready') return false;
    try {
      return (await Promise.race([this.publisher.ping(), new Promise<string>((r) => setTimeout(() => r('timeout'), 1000))])) === 'PONG';
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    this.subscriber.disconnect();
    await this.publisher.quit().catch(() => this.publisher.disconnect());
  }

  private received(channel: string, data: Buffer): void {
    if (channel === this.signalChannel) {
      try {
        const { from, signal } = JSON.parse(data.toString()) as { from: string; signal: Signal };
        if (from !== this.id) for (const handler of this.signalHandlers) handler(signal);
      } catch (err) {
        this.log.warn({ err }, 'ignored a malformed signal');
      }
      return;
    }
    const articleId = channel.slice(this.storyChannel('').length);
    const listeners = this.stories.get(articleId);
    const decoded = decodePeerMessage(data);
    if (!listeners || !decoded || decoded.sender === this.id) return;
    this.observer.received?.(Date.now() - decoded.sentAt);
    for (const listener of listeners) listener(decoded.message);
  }
}
