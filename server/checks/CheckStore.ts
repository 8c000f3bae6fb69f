/** The check_dismissals and dictionary_words tables: what the desk dismissed per story, and its own words. */
import type { Dismissal, DictionaryWords } from '../../shared/checks/types';
import { normalizeWord } from '../../shared/checks/newsroomWords';
import type { Database } from '../store/database';

interface DismissalRow {
  id: number | string;
  article_id: string;
  rule: string;
  text: string;
  reason: string;
  dismissed_by: string | null;
  user_name: string | null;
  dismissed_at: string;
}

interface WordRow {
  word: string;
  added_by: string | null;
  user_name: string | null;
  added_at: string;
}

// PostgreSQL hands BIGSERIAL ids back as strings.
const toDismissal = (r: DismissalRow): Dismissal => ({
  id: Number(r.id),
  articleId: r.article_id,
  rule: r.rule,
  text: r.text,
  reason: r.reason,
  dismissedBy: r.dismissed_by ? { id: r.dismissed_by, name: r.user_name ?? '' } : null,
  dismissedAt: r.dismissed_at,
});

const dismissalSelect = 'SELECT d.*, u.name AS user_name FROM check_dismissals d LEFT JOIN users u ON u.id = d.dismissed_by';

/** Dismissals and dictionary words. */
export class CheckStore {
  constructor(private readonly db: Database) {}

  /** A story's dismissals, oldest first. */
  async dismissals(articleId: string): Promise<Dismissal[]> {
    return (await this.db.all<DismissalRow>(`${dismissalSelect} WHERE d.article_id = ? ORDER BY d.id`, [articleId])).map(toDismissal);
  }

  /** Dismisses `rule` for `text` in a story; dismissing it again replaces the reason. */
  async dismiss(d: { articleId: string; rule: string; text: string; reason: string; userId: string; at: Date }): Promise<Dismissal> {
    const row = await this.db.get<{ id: number | string }>(
      `INSERT INTO check_dismissals (article_id, rule, text, reason, dismissed_by, dismissed_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (article_id, rule, text) DO UPDATE SET reason = excluded.reason, dismissed_by = excluded.dismissed_by, dismissed_at = excluded.dismissed_at
       RETURNING id`,
      [d.articleId, d.rule, d.text, d.reason, d.userId, d.at.toISOString()],
    );
    return toDismissal((await this.db.get<DismissalRow>(`${dismissalSelect} WHERE d.id = ?`, [Number(row!.id)]))!);
  }

  /** Takes a dismissal back; false when the story has none with that id. */
  async undismiss(articleId: string, id: number): Promise<boolean> {
    return (await this.db.run('DELETE FROM check_dismissals WHERE article_id = ? AND id = ?', [articleId, id])) > 0;
  }

  /** The words the desk added, alphabetically. */
  async words(): Promise<DictionaryWords['added']> {
    const rows = await this.db.all<WordRow>('SELECT w.word, w.added_by, w.added_at, u.name AS user_name FROM dictionary_words w LEFT JOIN users u ON u.id = w.added_by ORDER BY w.normalized');
    return rows.map((r) => ({ word: r.word, addedBy: r.added_by ? { id: r.added_by, name: r.user_name ?? '' } : null, addedAt: r.added_at }));
  }

  /** Adds a word (case aside, once); true when it was new. */
  async addWord(word: string, userId: string, at: Date): Promise<boolean> {
    const changed = await this.db.run('INSERT INTO dictionary_words (normalized, word, added_by, added_at) VALUES (?, ?, ?, ?) ON CONFLICT (normalized) DO NOTHING', [
      normalizeWord(word),
      word,
      userId,
      at.toISOString(),
    ]);
    return changed > 0;
  }
}
