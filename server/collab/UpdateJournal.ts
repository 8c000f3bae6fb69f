/**
 * Appends client updates to the store, batching everything that arrives in one event-loop turn
 * into one transaction. A caller's promise settles once its update is durable (or failed).
 */
import type { DocStore, LogEntry } from '../store/DocStore';
import type { Histogram } from 'prom-client';

interface Pending {
  entry: LogEntry;
  resolve: () => void;
  reject: (err: unknown) => void;
}

/** The write-ahead path from collab rooms to the `DocStore`. */
export class UpdateJournal {
  private queue: Pending[] = [];
  private scheduled = false;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: DocStore,
    private readonly appendSeconds?: Histogram,
  ) {}

  /** Queues an update; resolves when it is stored. */
  append(articleId: string, update: Uint8Array): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ entry: { articleId, update }, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Resolves once everything queued so far is written. */
  async drain(): Promise<void> {
    while (this.queue.length || this.scheduled) {
      if (!this.scheduled) this.flush();
      await this.writing;
      await new Promise((r) => setImmediate(r));
    }
    await this.writing;
  }

  private flush(): void {
    this.scheduled = false;
    const batch = this.queue;
    this.queue = [];
    if (!batch.length) return;
    // Batches are written one after another, so the log keeps the order updates arrived in.
    this.writing = this.writing.then(async () => {
      try {
        const stopTimer = this.appendSeconds?.startTimer();
        await this.store.append(batch.map((p) => p.entry));
        stopTimer?.();
        for (const p of batch) p.resolve();
      } catch (err) {
        for (const p of batch) p.reject(err);
      }
    });
  }
}
