/**
 * Appends client updates to the store, batching everything that arrives in one run of JavaScript
 * (the frames of one read from a socket) into one transaction, and, while a batch is being written,
 * everything that arrives meanwhile into the next. A caller's promise settles once its update is
 * durable (or failed).
 *
 * A batch is written as soon as its run ends, not at the end of the event loop's turn: an edit then
 * waits for the frames read with it, never for every other socket's frames of the turn.
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
  /** Whether a batch is being written; the next waits for it, so the log keeps the order of arrival. */
  private writingNow = false;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: DocStore,
    private readonly appendSeconds?: Histogram,
  ) {}

  /** Queues an update; resolves when it is stored. */
  append(articleId: string, update: Uint8Array): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ entry: { articleId, update }, resolve, reject });
      if (!this.scheduled && !this.writingNow) {
        this.scheduled = true;
        process.nextTick(() => this.flush());
      }
    });
  }

  /** Resolves once everything queued so far is written. */
  async drain(): Promise<void> {
    while (this.queue.length || this.scheduled || this.writingNow) {
      // Flushed here rather than left to the tick it was scheduled for: awaiting would not yield to it.
      if (!this.writingNow) this.flush();
      await this.writing;
    }
  }

  private flush(): void {
    this.scheduled = false;
    if (this.writingNow || !this.queue.length) return;
    const batch = this.queue;
    this.queue = [];
    this.writingNow = true;
    this.writing = this.write(batch);
  }

  private async write(batch: Pending[]): Promise<void> {
    try {
      const stopTimer = this.appendSeconds?.startTimer();
      await this.store.append(batch.map((p) => p.entry));
      stopTimer?.();
      for (const p of batch) p.resolve();
    } catch (err) {
      for (const p of batch) p.reject(err);
    } finally {
      this.writingNow = false;
      // What arrived while this batch was written goes next, in one batch.
      this.flush();
    }
  }
}
