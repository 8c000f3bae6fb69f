/**
 * Prometheus metrics at `/metrics`: open stories and connections, updates in and out, how long the
 * store takes to append, compactions, and how far behind the other instances' messages arrive.
 * Each Galley has its own registry, so several in one process (the tests) do not collide.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** What the collab rooms report. */
export interface CollabMetrics {
  updatesIn: Counter;
  updatesOut: Counter;
  appendSeconds: Histogram;
  compactions: Counter;
  compactionSeconds: Histogram;
}

export class Metrics implements CollabMetrics {
  readonly registry = new Registry();
  readonly updatesIn: Counter;
  readonly updatesOut: Counter;
  readonly appendSeconds: Histogram;
  readonly compactions: Counter;
  readonly compactionSeconds: Histogram;
  readonly peerMessagesOut: Counter;
  readonly peerLagSeconds: Histogram;

  constructor(labels: { instance: string }, live: { openDocs: () => number; connections: () => number }) {
    const registers = [this.registry];
    this.registry.setDefaultLabels(labels);
    collectDefaultMetrics({ register: this.registry, prefix: 'galley_process_' });
    new Gauge({ name: 'galley_open_docs', help: 'Stories open in this instance', registers, collect() {
      this.set(live.openDocs());
    } });
    new Gauge({ name: 'galley_connections', help: 'Collab connections to this instance', registers, collect() {
      this.set(live.connections());
    } });
    this.updatesIn = new Counter({ name: 'galley_updates_in_total', help: 'Doc updates taken from this instance\'s clients', registers });
    this.updatesOut = new Counter({ name: 'galley_updates_out_total', help: 'Doc updates sent to this instance\'s clients', registers });
    this.appendSeconds = new Histogram({
      name: 'galley_append_seconds',
      help: 'Time to append one batch of updates to the store',
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers,
    });
    this.compactions = new Counter({ name: 'galley_compactions_total', help: 'Logs merged into snapshots', registers });
    this.compactionSeconds = new Histogram({ name: 'galley_compaction_seconds', help: 'Time to compact one story', buckets: [0.01, 0.05, 0.1, 0.5, 1, 5], registers });
    this.peerMessagesOut = new Counter({ name: 'galley_redis_published_total', help: 'Messages sent to the other instances', registers });
    this.peerLagSeconds = new Histogram({
      name: 'galley_redis_lag_seconds',
      help: 'From another instance sending a message to this one receiving it',
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 1],
      registers,
    });
  }
}
