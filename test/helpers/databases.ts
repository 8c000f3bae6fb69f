/**
 * Real databases for tests: a SQLite file in a temporary directory, or a fresh PostgreSQL database
 * on the server this machine runs (`GALLEY_TEST_POSTGRES`, by default the `test` database on
 * 127.0.0.1:5432), dropped afterwards.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Database } from '../../server/store/database';
import type { DocStore } from '../../server/store/DocStore';
import { openPostgres } from '../../server/store/postgres';
import { PostgresDocStore } from '../../server/store/PostgresDocStore';
import { openSqlite } from '../../server/store/sqlite';
import { SqliteDocStore } from '../../server/store/SqliteDocStore';

export const PostgresAdminUrl = process.env.GALLEY_TEST_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/test';

export type Engine = 'sqlite' | 'postgres';
export const Engines: Engine[] = ['sqlite', 'postgres'];

/** A new, empty PostgreSQL database; `drop` removes it (closing whatever still uses it). */
export async function freshPostgres(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `galley_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PostgresAdminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(PostgresAdminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: PostgresAdminUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

/** A migrated database of either engine with its doc store. */
export async function openEngine(engine: Engine): Promise<{ db: Database; docs: DocStore; close: () => Promise<void> }> {
  if (engine === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'galley-store-'));
    const db = openSqlite(dir);
    return {
      db,
      docs: new SqliteDocStore(db),
      close: async () => {
        await db.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const { url, drop } = await freshPostgres();
  const db = await openPostgres(url);
  return {
    db,
    docs: new PostgresDocStore(db),
    close: async () => {
      await db.close();
      await drop();
    },
  };
}
