/**
 * Real databases for tests: a SQLite file in a temporary directory, or a fresh PostgreSQL database
 * (`./postgres.ts`), dropped afterwards.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from '../../server/store/database';
import type { DocStore } from '../../server/store/DocStore';
import { openPostgres } from '../../server/store/postgres';
import { PostgresDocStore } from '../../server/store/PostgresDocStore';
import { openSqlite } from '../../server/store/sqlite';
import { SqliteDocStore } from '../../server/store/SqliteDocStore';
import { freshPostgres } from './postgres';

export type Engine = 'sqlite' | 'postgres';
export const Engines: Engine[] = ['sqlite', 'postgres'];

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
