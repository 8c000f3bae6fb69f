/**
 * Sends each suggestion to the ledger once, not at every keystroke: the room reports all of the sender's
 * suggestions in the paragraphs an update touched, so typing into one suggestion reports it again and
 * again. The ids recorded (or being recorded) are remembered per story, up to a bound; the stories
 * least recently written in are forgotten first, which costs no more than a repeated, ignored insert.
 */
import type { SuggestionLedger } from './SuggestionLedger';

/** How many ids are remembered across all stories. */
const DefaultMaxIds = 50_000;

/** Records suggestions in the ledger, skipping those already recorded for the story. */
export class SuggestionRecorder {
  /** Ids by story, the story written in most recently last. */
  private readonly recorded = new Map<string, Set<string>>();
  private size = 0;

  constructor(
    private readonly ledger: Pick<SuggestionLedger, 'record'>,
    private readonly maxIds = DefaultMaxIds,
  ) {}

  /** Records the suggestions not yet recorded for this story; a failed write is tried again at the next sighting. */
  async record(articleId: string, suggestions: readonly { id: string; author: string }[]): Promise<void> {
    const ids = this.recorded.get(articleId) ?? new Set<string>();
    // Re-inserted: a Map keeps insertion order, so the first story is the one written in least recently.
    this.recorded.delete(articleId);
    this.recorded.set(articleId, ids);
    const fresh = new Map<string, { id: string; author: string }>();
    for (const s of suggestions) if (!ids.has(s.id)) fresh.set(s.id, s);
    if (fresh.size === 0) return;
    for (const id of fresh.keys()) ids.add(id);
    this.size += fresh.size;
    this.forgetOldest();
    try {
      await this.ledger.record(articleId, [...fresh.values()]);
    } catch (err) {
      for (const id of fresh.keys()) if (ids.delete(id)) this.size--;
      if (ids.size === 0 && this.recorded.get(articleId) === ids) this.recorded.delete(articleId);
      throw err;
    }
  }

  private forgetOldest(): void {
    for (const [articleId, ids] of this.recorded) {
      for (const id of ids) {
        if (this.size <= this.maxIds) return;
        ids.delete(id);
        this.size--;
      }
      this.recorded.delete(articleId);
    }
  }
}
