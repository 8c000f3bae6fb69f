/**
 * Who wrote and who deleted what in a story. Yjs names every piece of text by the client that made it
 * (`client`, `clock`) but records neither who that client was nor who deleted a piece; the server
 * learns both when it accepts an update from a signed-in connection (or makes a change for someone,
 * a restore) and keeps them here: `article_clients` (client → person) and `article_deletions`
 * (ranges of deleted ids → person).
 */
import { DeletionRuns, type DeletionRow } from './deletionRuns';
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

/** Who wrote with each client and who deleted each id, for one story. */
export class AuthorIndex {
  constructor(
    private readonly clients: Map<number, Person>,
    /** Per client, deleted ranges sorted by clock. */
    private readonly deletions: Map<number, { clock: number; len: number; by: Person }[]>,
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

/** The article_clients and article_deletions tables. */
export class AuthorshipStore {
  constructor(private readonly db: Database) {}

  /**
   * Records the recorder's batches in a few multi-row statements. The first person recorded for a
   * client stays; deletion runs are written whole (a run that grew replaces its row), and each id is
   * deleted once, so runs never overlap.
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
    const deletions = new Map<number, { clock: number; len: number; by: Person }[]>();
    for (const row of await this.db.all<{ client_id: number; clock: number; len: number; user_id: string | null; name: string | null }>(
      'SELECT d.client_id, d.clock, d.len, d.user_id, u.name FROM article_deletions d LEFT JOIN users u ON u.id = d.user_id WHERE d.article_id = ? ORDER BY d.client_id, d.clock',
      [articleId],
    )) {
      const p = person(row.user_id, row.name);
      if (!p) continue;
      const client = Number(row.client_id);
      let list = deletions.get(client);
      if (!list) deletions.set(client, (list = []));
      list.push({ clock: Number(row.clock), len: Number(row.len), by: p });
    }
    return new AuthorIndex(clients, deletions);
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
 * The collab rooms' way in: recording is off the hot path (gathered for a moment, then written in
 * one transaction of a few statements, so the doc store's appends are barely held up), and a failure
 * is logged, never passed back to the editor who typed. Readers call `settled()` first.
 */
export class AuthorshipRecorder {
  private queue: Pending[] = [];
  private timer: NodeJS.Timeout | null = null;
  private readonly runs = new DeletionRuns();
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: AuthorshipStore,
    private readonly db: Database,
    private readonly log: Logger,
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
    this.writing = this.writing.then(async () => {
      try {
        await this.db.transaction((tx) => this.store.recordMany(rows, tx));
      } catch (err) {
        this.log.error({ err, articles: [...new Set(batch.map((p) => p.articleId))] }, 'could not record who wrote and deleted what; those changes will show no author');
      }
    });
  }
}
