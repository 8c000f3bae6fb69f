/**
 * Scheduled publication. The schedule lives in the database, so it survives a restart: at start and
 * whenever it is told the schedule changed, the scheduler sleeps until the next story is due.
 */
import type { ArticleStore } from '../articles/ArticleStore';
import type { Logger } from '../logger';
import type { ArticleTransitioner } from './articleTransitioner';
import { HttpError } from '../errors';

/** Never sleep longer than this, so a clock change or a missed poke costs at most a minute. */
const MaxSleepMs = 60_000;

/** Publishes scheduled stories at their time. */
export class Scheduler {
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private stopped = false;

  constructor(
    private readonly articles: ArticleStore,
    private readonly transitioner: ArticleTransitioner,
    private readonly log: Logger,
  ) {}

  /** Publishes whatever is overdue now, then waits for the next. */
  start(): void {
    void this.run();
  }

  /** The schedule changed: look again. */
  poke(): void {
    if (!this.stopped) void this.run();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private async run(): Promise<void> {
    if (this.running) return;
    this.running = true;
    clearTimeout(this.timer);
    try {
      for (const article of await this.articles.dueForPublication(new Date())) {
        if (this.stopped) return;
        try {
          const result = await this.transitioner.publishScheduled(article.id);
          this.log.info({ articleId: article.id, outcome: result?.event.action }, 'scheduled publication ran');
        } catch (err) {
          // With several instances, each runs the schedule; the first to publish wins, the others find it moved.
          if (err instanceof HttpError && err.id === 'wrong_state') this.log.debug({ articleId: article.id }, 'published by another instance');
          else this.log.error({ err, articleId: article.id }, 'scheduled publication failed');
        }
      }
      const next = await this.articles.nextScheduled();
      const wait = next ? Math.max(0, new Date(next).getTime() - Date.now()) : MaxSleepMs;
      if (!this.stopped) this.timer = setTimeout(() => void this.run(), Math.min(wait, MaxSleepMs));
    } finally {
      this.running = false;
    }
  }
}
