/**
 * The one way the server talks to its database, SQLite or PostgreSQL. SQL is written once, in the
 * dialect both accept, with `?` placeholders; the PostgreSQL side numbers them. A transaction hands
 * its callback its own `Sql`: use that inside, never the outer database, or the call waits for the
 * transaction to end.
 */

/** Running statements. */
export interface Sql {
  /** Every row. */
  all<R>(text: string, params?: unknown[]): Promise<R[]>;
  /** The first row, if any. */
  get<R>(text: string, params?: unknown[]): Promise<R | undefined>;
  /** Runs a statement; resolves to the number of rows it changed. */
  run(text: string, params?: unknown[]): Promise<number>;
}

/** A database: statements, transactions, and its engine. */
export interface Database extends Sql {
  readonly engine: 'sqlite' | 'postgres';
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
  /** Hands the pages that deletes freed back to the file system (SQLite; PostgreSQL's autovacuum sees to its own). */
  reclaimFreePages(): Promise<void>;
  close(): Promise<void>;
}
