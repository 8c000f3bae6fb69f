/** The fan-out the configuration asks for, and socket.io's rooms across instances on the same Redis. */
import { createAdapter } from '@socket.io/redis-adapter';
import type { Server } from 'socket.io';
import type { Config } from '../config';
import type { Logger } from '../logger';
import type { Metrics } from '../ops/metrics';
import { LocalFanout, type Fanout } from './Fanout';
import { RedisFanout } from './RedisFanout';

/** Redis when `REDIS_URL` is set; otherwise one instance on its own. */
export function openFanout(config: Pick<Config, 'redisUrl' | 'redisPrefix'>, log: Logger, metrics: Metrics): Fanout {
  if (!config.redisUrl) return new LocalFanout();
  return new RedisFanout(config.redisUrl, config.redisPrefix, log, {
    published: () => metrics.peerMessagesOut.inc(),
    received: (lagMs) => metrics.peerLagSeconds.observe(Math.max(0, lagMs) / 1000),
  });
}

/**
 * Makes socket.io rooms span every instance on the fan-out's Redis (a no-op alone). The adapter has
 * its own two connections; the returned function closes them, once socket.io is closed.
 */
export function shareSocketRooms(io: Server, fanout: Fanout, prefix: string): () => void {
  if (!(fanout instanceof RedisFanout)) return () => undefined;
  const pub = fanout.publisher.duplicate();
  const sub = fanout.publisher.duplicate();
  for (const client of [pub, sub]) client.on('error', () => undefined);
  io.adapter(createAdapter(pub, sub, { key: `${prefix}:io` }));
  return () => {
    pub.disconnect();
    sub.disconnect();
  };
}
