/**
 * The embedded SQLite database behind the `Database` interface. better-sqlite3 is synchronous, so a
 * transaction whose callback awaits would let other callers' statements slip between its own: while
 * one is open, every other statement waits for it to end.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3, { type Statement } from 'better-sqlite3';
import type { Database, Sql } from './database';
import { migrations } from './migrations';
import { WalCheckpointer } from './walCheckpointer';

/** better-sqlite3's connection, for the doc store's hot path. */
export type SqliteConnection = BetterSqlite3.Database;

/** Statements on one better-sqlite3 connection, each prepared once. */
class SqliteStatements implements Sql {
  private readonly statements = new Map<string, Statement>();

  constructor(readonly connection: SqliteConnection) {}

  prepare(text: string): Statement {
    let statement = this.statements.get(text);
    if (!statement) this.statements.set(text, (statement = this.connection.prepare(text)));
    return statement;
  }

  async all<R>(text: string, params: unknown[] = []): Promise<R[]> {
    return this.prepare(text).all(...params) as R[];
  }

  async get<R>(text: string, params: unknown[] = []): Promise<R | undefined> {
    return this.prepare(text).get(...params) as R | undefined;
  }

  async run(text: string, params: unknown[] = []): Promise<number> {
    return this.prepare(text).run(...params).changes;
  }
}

/** The SQLite file `galley.db` in the data directory. */
export class SqliteDatabase implements Database {
  readonly engine = 'sqlite';
  private readonly inner: SqliteStatements;
  /** Settles when the open transaction (and every one queued before it) has ended. */
  private idle: Promise<void> = Promise.resolve();
  private open = 0;
  /**
   * Set inside a transaction's callback, to catch a statement that would wait for its own
   * transaction. Only under test: it turns on promise hooks, which every promise pays for.
   */
  private readonly inside = process.env.NODE_ENV === 'test' ? new AsyncLocalStorage<true>() : undefined;

  constructor(
    readonly connection: SqliteConnection,
    private readonly checkpointer?: WalCheckpointer,
  ) {
    this.inner = new SqliteStatements(connection);
  }

  async all<R>(text: string, params?: unknown[]): Promise<R[]> {
    await this.outsideTransactions();
    return this.inner.all<R>(text, params);
  }

  async get<R>(text: string, params?: unknown[]): Promise<R | undefined> {
    await this.outsideTransactions();
    return this.inner.get<R>(text, params);
  }

  async run(text: string, params?: unknown[]): Promise<number> {
    await this.outsideTransactions();
    return this.inner.run(text, params);
  }

  /** Runs synchronous work on the connection once no transaction is open (the doc store's path). */
  async direct<T>(work: (connection: SqliteConnection, prepare: (text: string) => Statement) => T): Promise<T> {
    // No transaction open (nearly always): no turn spent waiting for one.
    if (this.open > 0) await this.outsideTransactions();
    return work(this.connection, this.prepare);
  }

  private readonly prepare = (text: string): Statement => this.inner.prepare(text);

  async transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
    const before = this.idle;
    let end!: () => void;
    this.idle = new Promise((resolve) => (end = resolve));
    this.open++;
    try {
      await before;
      this.connection.exec('BEGIN IMMEDIATE');
      try {
        const result = await (this.inside ? this.inside.run(true, () => fn(this.inner)) : fn(this.inner));
        this.connection.exec('COMMIT');
        return result;
      } catch (err) {
        if (this.connection.inTransaction) this.connection.exec('ROLLBACK');
        throw err;
      }
    } finally {
      this.open--;
      end();
    }
  }

  async reclaimFreePages(): Promise<void> {
    await this.outsideTransactions();
    this.connection.pragma('incremental_vacuum');
  }

  /**
   * Free pages a file made before auto_vacuum was set keeps (the pragma takes effect on such a file
   * only through VACUUM, `vacuumSqlite`): null when the file hands its free pages back.
   */
  keptFreeBytes(): number | null {
    if (this.connection.pragma('auto_vacuum', { simple: true }) !== 0) return null;
    return (this.connection.pragma('freelist_count', { simple: true }) as number) * (this.connection.pragma('page_size', { simple: true }) as number);
  }

  async close(): Promise<void> {
    await this.outsideTransactions();
    await this.checkpointer?.stop();
    this.connection.close();
  }

  private async outsideTransactions(): Promise<void> {
    if (this.open > 0 && this.inside?.getStore()) throw new Error('A statement inside a transaction must use the transaction’s Sql, or it waits for itself.');
    while (this.open > 0) await this.idle;
  }
}

/**
 * The page size of a new file. Every table and index takes at least one page, and the schema has
 * about forty: at SQLite's default of 4 KiB they alone outweigh a long story's snapshot. Blobs (the
 * snapshots and versions) span pages either way.
 */
const PageSize = 2048;

/** Sets what a new file is made with; on an existing file, VACUUM applies them. */
function newFileSettings(connection: SqliteConnection): void {
  connection.pragma(`page_size = ${PageSize}`);
  // Compaction deletes many log rows, and the folding of deletion rows some more: their pages are handed back.
  connection.pragma('auto_vacuum = INCREMENTAL');
}

/** Opens (creating if needed) `galley.db` in the data directory, in WAL mode, migrated. */
export function openSqlite(dataDir: string): SqliteDatabase {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'galley.db');
  const connection = new BetterSqlite3(file);
  // Before the first table exists; a no-op on an existing file.
  newFileSettings(connection);
  connection.pragma('journal_mode = WAL');
  // WAL with synchronous=NORMAL survives a process crash (our durability promise); FULL would
  // also survive power loss at several times the cost per commit.
  connection.pragma('synchronous = NORMAL');
  connection.pragma('foreign_keys = ON');
  connection.pragma('busy_timeout = 5000');
  migrate(connection);
  return new SqliteDatabase(connection, new WalCheckpointer(file, connection));
}

function migrate(connection: SqliteConnection): void {
  connection.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  const applied = new Set(connection.prepare('SELECT version FROM schema_migrations').pluck().all() as number[]);
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    if (applied.has(m.version)) continue;
    connection.transaction(() => {
      connection.exec(m.sql);
      connection.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, new Date().toISOString());
    })();
  }
}

/**
 * Rebuilds `galley.db` as a new file would be made (page size, free pages handed back), for a file
 * made before those settings; only while no server has it open. Resolves to its size before and after.
 */
export function vacuumSqlite(dataDir: string): { before: number; after: number } {
  const file = path.join(dataDir, 'galley.db');
  const size = () => fs.statSync(file).size + (fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0);
  const before = size();
  const connection = new BetterSqlite3(file, { fileMustExist: true });
  try {
    // The page size changes only outside WAL mode, and leaving it needs the file to ourselves: an
    // open server makes this fail (database is locked) rather than wait.
    if (connection.pragma('journal_mode = DELETE', { simple: true }) !== 'delete') throw new Error(`${file} is open elsewhere: stop Galley first`);
    newFileSettings(connection);
    connection.exec('VACUUM');
    connection.pragma('journal_mode = WAL');
  } finally {
    connection.close();
  }
  return { before, after: size() };
}
