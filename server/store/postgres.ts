/**
 * PostgreSQL behind the `Database` interface (`DATABASE_URL`). The SQL is the one the SQLite side
 * runs: `?` placeholders are numbered here, and the migrations' few SQLite words are translated.
 */
import pg from 'pg';
import type { Database, Sql } from './database';
import { migrations } from './migrations';

// COUNT(*), SUM() and BIGSERIAL ids come back as int8; every one of ours fits a JS number.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

/** `?` placeholders to `$1, $2, …` (our SQL never has a `?` inside a string literal). */
export function numbered(text: string): string {
  let n = 0;
  return text.replace(/\?/g, () => `$${++n}`);
}

/** The migrations' SQLite words in PostgreSQL's. */
export function forPostgres(migrationSql: string): string {
  return migrationSql.replace(/INTEGER PRIMARY KEY AUTOINCREMENT/g, 'BIGSERIAL PRIMARY KEY').replace(/\bBLOB\b/g, 'BYTEA');
}

const values = (params: unknown[]) => params.map((p) => (p instanceof Uint8Array && !Buffer.isBuffer(p) ? Buffer.from(p.buffer, p.byteOffset, p.byteLength) : p));

/** Statements on a pool or on one client inside a transaction. */
class PgStatements implements Sql {
  constructor(private readonly on: pg.Pool | pg.PoolClient) {}

  async all<R>(text: string, params: unknown[] = []): Promise<R[]> {
    return (await this.on.query({ text: numbered(text), values: values(params) })).rows as R[];
  }

  async get<R>(text: string, params: unknown[] = []): Promise<R | undefined> {
    return (await this.all<R>(text, params))[0];
  }

  async run(text: string, params: unknown[] = []): Promise<number> {
    return (await this.on.query({ text: numbered(text), values: values(params) })).rowCount ?? 0;
  }
}

/** A PostgreSQL database through a connection pool. */
export class PostgresDatabase extends PgStatements implements Database {
  readonly engine = 'postgres';

  constructor(readonly pool: pg.Pool) {
    super(pool);
  }

  async transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await fn(new PgStatements(client));
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  async reclaimFreePages(): Promise<void> {
    // Autovacuum makes dead rows' space reusable; handing it back to the file system takes VACUUM FULL's exclusive lock.
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/** Connects to `url` and brings the schema up to date (one instance at a time). */
export async function openPostgres(url: string, poolSize = 10): Promise<PostgresDatabase> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // A dropped idle connection is the pool's to replace, not a reason to crash.
  pool.on('error', () => undefined);
  const db = new PostgresDatabase(pool);
  try {
    await migrate(pool);
  } catch (err) {
    await pool.end();
    throw err;
  }
  return db;
}

/** Any fixed number: every instance takes the same lock while it migrates. */
const MigrationLock = 4_711_2026;

async function migrate(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MigrationLock]);
    await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
    const applied = new Set((await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      if (applied.has(m.version)) continue;
      await client.query('BEGIN');
      try {
        const sql = forPostgres(m.postgres ?? m.sql);
        if (sql.trim()) await client.query(sql);
        await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [m.version, m.name, new Date().toISOString()]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK');
        throw err;
      }
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MigrationLock]).catch(() => undefined);
    client.release();
  }
}
