/**
 * Deleted ranges gathered into runs before they are stored. Someone holding backspace deletes one
 * character after another, each the neighbour of the last; stored one row each, a long story's
 * deletions outgrow the story. A run grows while the same person keeps deleting next to it, and is
 * stored as one row, rewritten as it grows.
 */
import type { DeletedRange } from './AuthorshipStore';

/** One stored row of `article_deletions`. */
export interface DeletionRow {
  articleId: string;
  client: number;
  clock: number;
  len: number;
  userId: string;
}

interface Run extends DeletionRow {
  /** The clock the row is stored under, if it is stored yet. */
  storedClock?: number;
}

/** The last run of each story's client (newest kept, at most `limit` of them). */
export class DeletionRuns {
  private readonly runs = new Map<string, Run>();

  constructor(private readonly limit = 10_000) {}

  /** Folds a batch of deletions into runs; returns the rows to write and the stored rows they replace. */
  fold(deletions: { articleId: string; range: DeletedRange; userId: string }[]): { upsert: DeletionRow[]; remove: { articleId: string; client: number; clock: number }[] } {
    const dirty = new Set<Run>();
    for (const { articleId, range, userId } of deletions) {
      const key = `${articleId}:${range.client}`;
      const run = this.runs.get(key);
      if (run && run.userId === userId && run.clock + run.len === range.clock) {
        run.len += range.len;
      } else if (run && run.userId === userId && range.clock + range.len === run.clock) {
        run.clock = range.clock;
        run.len += range.len;
      } else {
        const fresh: Run = { articleId, client: range.client, clock: range.clock, len: range.len, userId };
        this.runs.delete(key);
        this.runs.set(key, fresh);
        if (this.runs.size > this.limit) this.runs.delete(this.runs.keys().next().value!);
        dirty.add(fresh);
        continue;
      }
      dirty.add(run);
    }
    const upsert = new Map<string, DeletionRow>();
    const remove: { articleId: string; client: number; clock: number }[] = [];
    for (const run of dirty) {
      if (run.storedClock !== undefined && run.storedClock !== run.clock) remove.push({ articleId: run.articleId, client: run.client, clock: run.storedClock });
      run.storedClock = run.clock;
      const { articleId, client, clock, len, userId } = run;
      upsert.set(`${articleId}:${client}:${clock}`, { articleId, client, clock, len, userId });
    }
    return { upsert: [...upsert.values()], remove };
  }
}
