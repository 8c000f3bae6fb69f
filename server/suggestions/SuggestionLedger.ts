/**
 * The suggestions table: who made each tracked suggestion and when the server first saw it. The marks
 * in the doc say what a suggestion is; the ledger gives the margin a time no client can set.
 */
import type { SuggestionRecord } from '../../shared/suggestions';
import type { Database } from '../store/database';

interface Row {
  id: string;
  author_id: string;
  author_name: string | null;
  created_at: string;
}

/** Records and lists suggestions per article. */
export class SuggestionLedger {
  constructor(private readonly db: Database) {}

  /**
   * Records suggestions the first time they are seen in a story; later sightings keep the first time and
   * author. Ids are per story (migration 8): the same id in another story is another suggestion.
   */
  async record(articleId: string, suggestions: { id: string; author: string }[], at: Date = new Date()): Promise<void> {
    if (suggestions.length === 0) return;
    await this.db.transaction(async (tx) => {
      for (const s of suggestions) {
        await tx.run('INSERT INTO suggestions (article_id, id, author_id, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (article_id, id) DO NOTHING', [articleId, s.id, s.author, at.toISOString()]);
      }
    });
  }

  /** Every suggestion recorded for an article, oldest first (some may have been accepted or rejected since). */
  async forArticle(articleId: string): Promise<SuggestionRecord[]> {
    const rows = await this.db.all<Row>(
      'SELECT s.id, s.author_id, u.name AS author_name, s.created_at FROM suggestions s LEFT JOIN users u ON u.id = s.author_id WHERE s.article_id = ? ORDER BY s.created_at, s.id',
      [articleId],
    );
    return rows.map((r) => ({ id: r.id, author: { id: r.author_id, name: r.author_name ?? 'Someone' }, createdAt: r.created_at }));
  }
}
