/**
 * Matches arrivals to edits by Yjs client id and clock, with no marker text: an editor records the
 * clock of each edit it makes and when; a receiver that integrates clocks [from, to) of that client
 * takes one sample per recorded edit in that range. Only edits made while measuring are recorded.
 */

interface SentLog {
  clocks: number[];
  times: number[];
}

/** Latency samples of one load generator process. */
export class LatencyProbe {
  measuring = false;
  /** One sample (ms) per edit and receiving editor. */
  readonly samples: number[] = [];
  /** Deliveries owed for the edits recorded: each edit to each other editor of its story. */
  expected = 0;
  editsRecorded = 0;
  private readonly sent = new Map<number, SentLog>();

  /** An editor is about to make the edit that takes `clock`, to be seen by `receivers` others. */
  recordEdit(client: number, clock: number, receivers: number, at: number = performance.now()): void {
    if (!this.measuring) return;
    let log = this.sent.get(client);
    if (!log) this.sent.set(client, (log = { clocks: [], times: [] }));
    log.clocks.push(clock);
    log.times.push(at);
    this.expected += receivers;
    this.editsRecorded++;
  }

  /** A receiver now holds clocks [from, to) of `client`. */
  arrived(client: number, from: number, to: number, at: number = performance.now()): void {
    const log = this.sent.get(client);
    if (!log) return;
    const { clocks, times } = log;
    // Clocks are recorded in increasing order: find the first at or after `from`.
    let lo = 0;
    let hi = clocks.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (clocks[mid] < from) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < clocks.length && clocks[i] < to; i++) this.samples.push(at - times[i]);
  }

  /** Whether every owed delivery has arrived. */
  get complete(): boolean {
    return this.samples.length >= this.expected;
  }
}
