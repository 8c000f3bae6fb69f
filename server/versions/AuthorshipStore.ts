/**
 * Who wrote and who deleted what in a story. Yjs names every piece of text by the client that made it
 * (`client`, `clock`) but records neither who that client was nor who deleted a piece; the server
 * learns both when it accepts an update from a signed-in connection (or makes a change for someone,
 * a restore) and keeps them here: `article_clients` (client → person), `article_deletions` (runs of
 * deleted ids → person, as they are recorded) and `article_deletion_sets` (each person's runs of a
 * story folded into one blob, `deletionSets.ts`, once the story has gathered enough rows).
 */
import { DeletionRuns, type DeletionRow } from './deletionRuns';
import { decodeDeletionSet, foldIntoBlob } from './deletionSets';
import type { Person } from '../../shared/api';
import { colorFor } from '../../shared/people';
import type { Logger } from '../logger';
import type { Database, Sql } from '../store/database';

/** A range of deleted Yjs ids: `len` ids from `clock` of `client`. */
export interface DeletedRange {
  client: number;
  clock: number;
  len: number;
}

/** What one accepted change taught the server: the clients it wrote with, and what it deleted. */
export interface Authorship {
  userId: string;
  /** Client ids the change wrote with that were not known yet. */
  clients: number[];
  deletions: DeletedRange[];
}

/** A deleted range and who deleted it. */
export interface AttributedRange {
  clock: number;
  len: number;
  by: Person;
}

/**
 * Deleted ranges as one list per client, sorted by clock. An id is deleted once, but a person's run
 * may be stored both in their folded set and in a row written after the fold, and two instances may
 * each apply the same delete from different people: where ranges overlap, the one that starts first
 * keeps the overlap, so the lists never overlap and a binary search finds any id.
 */
export function attributeDeletions(ranges: Iterable<DeletedRange & { by: Person }>): Map<number, AttributedRange[]> {
  const byClient = new Map<number, AttributedRange[]>();
  for (const { client, clock, len, by } of ranges) {
    let list = byClient.get(client);
    if (!list) byClient.set(client, (list = []));
    list.push({ clock, len, by });
  }
  for (const [client, list] of byClient) {
    list.sort((a, b) => a.clock - b.clock);
    const clipped: AttributedRange[] = [];
    let end = -Infinity;
    for (const r of list) {
      const clock = Math.max(r.clock, end);
      const len = r.clock + r.len - clock;
      if (len <= 0) continue;
      const last = clipped[clipped.length - 1];
      // One person's neighbouring ranges (a set and a row, or a backspace run) are one range.
      if (last && last.by.id === r.by.id && last.clock + last.len === clock) last.len += len;
      else clipped.push({ clock, len, by: r.by });
      end = clock + len;
    }
    byClient.set(client, clipped);
  }
  return byClient;
}

/** Who wrote with each client and who deleted each id, for one story. */
export class AuthorIndex {
  constructor(
    private readonly clients: Map<number, Person>,
    /** Per client, deleted ranges sorted by clock, not overlapping (`attributeDeletions`). */
    private readonly deletions: Map<number, AttributedRange[]>,
  ) {}

  /** The person who wrote with a client, if known. */
  writer(client: number): Person | undefined {
    return this.clients.get(client);
  }

  /** The person who deleted the id (`client`, `clock`), if known. */
  deleter(client: number, clock: number): Person | undefined {
    const ranges = this.deletions.get(client);
    if (!ranges) return undefined;
    let lo = 0;
    let hi = ranges.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const r = ranges[mid];
      if (clock < r.clock) hi = mid - 1;
      else if (clock >= r.clock + r.len) lo = mid + 1;
      else return r.by;
    }
    return undefined;
  }
}

/** Rows per INSERT: well under both engines' limit on bound parameters. */
const RowsPerStatement = 500;

const person = (userId: string | null, name: string | null): Person | undefined => (userId ? { id: userId, name: name ?? '', color: colorFor(userId) } : undefined);

/** The article_clients, article_deletions and article_deletion_sets tables. */
export class AuthorshipStore {
  constructor(private readonly db: Database) {}

  /**
   * Records the recorder's batches in a few multi-row statements. The first person recorded for a
   * client stays; deletion runs are written whole (a run that grew replaces its row, and may cover
   * ids already folded into its deleter's set: `attributeDeletions` takes both as one).
   */
  async recordMany(
    rows: {
      clients: { articleId: string; client: number; userId: string; at: Date }[];
      deletions: DeletionRow[];
      replaced?: { articleId: string; client: number; clock: number }[];
      at: Date;
    },
    on: Sql = this.db,
  ): Promise<void> {
    for (const r of rows.replaced ?? []) await on.run('DELETE FROM article_deletions WHERE article_id = ? AND client_id = ? AND clock = ?', [r.articleId, r.client, r.clock]);
    for (let i = 0; i < rows.clients.length; i += RowsPerStatement) {
      const chunk = rows.clients.slice(i, i + RowsPerStatement);
      await on.run(
        `INSERT INTO article_clients (article_id, client_id, user_id, first_seen_at) VALUES ${chunk.map(() => '(?, ?, ?, ?)').join(', ')} ON CONFLICT DO NOTHING`,
        chunk.flatMap((r) => [r.articleId, r.client, r.userId, r.at.toISOString()]),
      );
    }
    for (let i = 0; i < rows.deletions.length; i += RowsPerStatement) {
      const chunk = rows.deletions.slice(i, i + RowsPerStatement);
      await on.run(
        `INSERT INTO article_deletions (article_id, client_id, clock, len, user_id, deleted_at) VALUES ${chunk.map(() => '(?, ?, ?, ?, ?, ?)').join(', ')}
         ON CONFLICT (article_id, client_id, clock) DO UPDATE SET len = excluded.len`,
        chunk.flatMap((r) => [r.articleId, r.client, r.clock, r.len, r.userId, rows.at.toISOString()]),
      );
    }
  }

  /** Who wrote with each Yjs client of a story, as user ids (what a room checks each change against). */
  async clientOwners(articleId: string): Promise<Map<number, string>> {
    const rows = await this.db.all<{ client_id: number; user_id: string | null }>('SELECT client_id, user_id FROM article_clients WHERE article_id = ? AND user_id IS NOT NULL', [articleId]);
    return new Map(rows.map((row) => [Number(row.client_id), row.user_id!]));
  }

  /** Everything known about who wrote and deleted what in a story. */
  async forArticle(articleId: string): Promise<AuthorIndex> {
    const clients = new Map<number, Person>();
    for (const row of await this.db.all<{ client_id: number; user_id: string | null; name: string | null }>(
      'SELECT c.client_id, c.user_id, u.name FROM article_clients c LEFT JOIN users u ON u.id = c.user_id WHERE c.article_id = ?',
      [articleId],
    )) {
      const p = person(row.user_id, row.name);
      if (p) clients.set(Number(row.client_id), p);
    }
    // The rows before the folded sets: a fold between the two reads moves rows into a set, so they
    // are read twice (harmless) rather than not at all.
    const rows = await this.db.all<{ client_id: number; clock: number; len: number; user_id: string | null; name: string | null }>(
      'SELECT d.client_id, d.clock, d.len, d.user_id, u.name FROM article_deletions d LEFT JOIN users u ON u.id = d.user_id WHERE d.article_id = ?',
      [articleId],
    );
    const folded = await this.db.all<{ user_id: string; name: string | null; ranges: Uint8Array }>(
      'SELECT s.user_id, u.name, s.ranges FROM article_deletion_sets s LEFT JOIN users u ON u.id = s.user_id WHERE s.article_id = ?',
      [articleId],
    );
    const ranges: (DeletedRange & { by: Person })[] = [];
    for (const row of folded) {
      const by = person(row.user_id, row.name);
      if (!by) continue;
      for (const [client, list] of decodeDeletionSet(row.ranges)) for (const { clock, len } of list) ranges.push({ client, clock, len, by });
    }
    for (const row of rows) {
      const by = person(row.user_id, row.name);
      if (by) ranges.push({ client: Number(row.client_id), clock: Number(row.clock), len: Number(row.len), by });
    }
    return new AuthorIndex(clients, attributeDeletions(ranges));
  }

  /**
   * Folds a story's deletion rows into each deleter's set, in one transaction: the rows are taken
   * with DELETE … RETURNING, so a row another instance writes meanwhile is either folded or left
   * for the next fold, never lost. Resolves to the number of rows folded.
   */
  async foldDeletions(articleId: string, on: Sql): Promise<number> {
    // Instances folding one story take turns: each reads and rewrites the whole set.
    if (this.db.engine === 'postgres') await on.get('SELECT pg_advisory_xact_lock(hashtext(?))', [`fold-deletions:${articleId}`]);
    const rows = await on.all<{ client_id: number; clock: number; len: number; user_id: string }>(
      'DELETE FROM article_deletions WHERE article_id = ? AND user_id IS NOT NULL RETURNING client_id, clock, len, user_id',
      [articleId],
    );
    if (!rows.length) return 0;
    const byUser = new Map<string, { client: number; clock: number; len: number }[]>();
    for (const row of rows) {
      let list = byUser.get(row.user_id);
      if (!list) byUser.set(row.user_id, (list = []));
      list.push({ client: Number(row.client_id), clock: Number(row.clock), len: Number(row.len) });
    }
    const stored = new Map(
      (await on.all<{ user_id: string; ranges: Uint8Array }>('SELECT user_id, ranges FROM article_deletion_sets WHERE article_id = ?', [articleId])).map((r) => [r.user_id, r.ranges]),
    );
    const at = new Date().toISOString();
    for (const [userId, ranges] of byUser) {
      await on.run(
        `INSERT INTO article_deletion_sets (article_id, user_id, ranges, folded_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (article_id, user_id) DO UPDATE SET ranges = excluded.ranges, folded_at = excluded.folded_at`,
        [articleId, userId, foldIntoBlob(stored.get(userId) ?? null, ranges), at],
      );
    }
    return rows.length;
  }

  /** Stories holding at least `minRows` deletion rows not folded yet (left by an older version, or by a crash). */
  async unfolded(minRows: number): Promise<string[]> {
    const rows = await this.db.all<{ article_id: string }>('SELECT article_id FROM article_deletions GROUP BY article_id HAVING COUNT(*) >= ?', [minRows]);
    return rows.map((r) => r.article_id);
  }
}

interface Pending {
  articleId: string;
  authorship: Authorship;
  at: Date;
}

/** How long what the rooms report is gathered before it is written, in one transaction. */
const BatchMs = 200;

/**
 * Deletion rows a story gathers before they are folded into its deleters' sets. A fold rewrites
 * each deleter's whole set (a few bytes per range), so folding seldom keeps its cost per row small;
 * folding often keeps the rows waiting (about 180 bytes each in SQLite, with their index) few.
 */
export const FoldAfterRows = 128;

/**
 * The collab rooms' way in: recording is off the hot path (gathered for a moment, then written in
 * one transaction of a few statements, so the doc store's appends are barely held up), and a failure
 * is logged, never passed back to the editor who typed. Readers call `settled()` first. A story's
 * deletion rows are folded into sets once it has gathered `FoldAfterRows` of them, in a transaction
 * of its own after the batch's.
 */
export class AuthorshipRecorder {
  private queue: Pending[] = [];
  private timer: NodeJS.Timeout | null = null;
  private readonly runs = new DeletionRuns();
  private writing: Promise<void> = Promise.resolve();
  /** Deletion rows written per story since it was last folded (by this process). */
  private readonly unfoldedRows = new Map<string, number>();
  private closed = false;

  constructor(
    private readonly store: AuthorshipStore,
    private readonly db: Database,
    private readonly log: Logger,
    private readonly foldAfterRows = FoldAfterRows,
  ) {}

  /** Queues what a change taught; written soon. */
  record(articleId: string, authorship: Authorship): void {
    this.queue.push({ articleId, authorship, at: new Date() });
    this.timer ??= setTimeout(() => this.flush(), BatchMs);
  }

  /**
   * Who wrote with each Yjs client of a story, once what is queued is written: a room that reopens
   * right after closing must not miss the writers its last changes taught.
   */
  async clientOwners(articleId: string): Promise<Map<number, string>> {
    await this.settled();
    return this.store.clientOwners(articleId);
  }

  /** Resolves once everything queued so far is written (or has failed and been logged). */
  async settled(): Promise<void> {
    this.flush();
    await this.writing;
  }

  /** Writes what is queued and stops folding the backlog; resolves once written. */
  async close(): Promise<void> {
    this.closed = true;
    await this.settled();
  }

  /**
   * Folds the stories whose deletion rows were left unfolded (by a version before the sets, or a
   * stop before the threshold), one story at a time between the batches; reports its progress.
   */
  async foldBacklog(): Promise<void> {
    // Queued like a batch, so that closing waits for it.
    const articles = await this.enqueue(() =>
      this.store.unfolded(this.foldAfterRows).catch((err) => {
        this.log.error({ err }, 'could not look for unfolded deletion rows');
        return [];
      }),
    );
    if (!articles.length) return;
    this.log.info({ stories: articles.length }, 'folding the deletion rows of stories that have many');
    let rows = 0;
    for (const [i, articleId] of articles.entries()) {
      if (this.closed) return;
      rows += await this.enqueue(() => this.fold(articleId));
      if ((i + 1) % 100 === 0 || i + 1 === articles.length) this.log.info({ stories: i + 1, of: articles.length, rows }, 'folded deletion rows');
    }
  }

  /** Runs `work` after everything written before it; resolves with its result. */
  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    const done = this.writing.then(work);
    this.writing = done.then(
      () => undefined,
      () => undefined,
    );
    return done;
  }

  /** Folds one story's rows; a failure is logged (its rows stay, and are folded next time). */
  private async fold(articleId: string): Promise<number> {
    this.unfoldedRows.delete(articleId);
    try {
      const folded = await this.db.transaction((tx) => this.store.foldDeletions(articleId, tx));
      // The rows' pages and the old sets' are free now.
      if (folded) await this.db.reclaimFreePages();
      return folded;
    } catch (err) {
      this.log.error({ err, articleId }, 'could not fold deletion rows; they stay as rows');
      return 0;
    }
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.queue;
    this.queue = [];
    if (!batch.length) return;
    const runs = this.runs.fold(batch.flatMap(({ articleId, authorship }) => authorship.deletions.map((range) => ({ articleId, range, userId: authorship.userId }))));
    const rows = {
      clients: batch.flatMap(({ articleId, authorship, at }) => authorship.clients.map((client) => ({ articleId, client, userId: authorship.userId, at }))),
      deletions: runs.upsert,
      replaced: runs.remove,
      at: batch[batch.length - 1].at,
    };
    void this.enqueue(async () => {
      try {
        await this.db.transaction((tx) => this.store.recordMany(rows, tx));
      } catch (err) {
        this.log.error({ err, articles: [...new Set(batch.map((p) => p.articleId))] }, 'could not record who wrote and deleted what; those changes will show no author');
        return;
      }
      for (const { articleId } of rows.deletions) this.unfoldedRows.set(articleId, (this.unfoldedRows.get(articleId) ?? 0) + 1);
      for (const articleId of new Set(rows.deletions.map((r) => r.articleId))) if (this.unfoldedRows.get(articleId)! >= this.foldAfterRows) await this.fold(articleId);
    });
  }
}
