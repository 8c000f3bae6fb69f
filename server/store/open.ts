/** Opens the database the configuration names: PostgreSQL when `DATABASE_URL` is set, else the SQLite file. */
import type { Config } from '../config';
import type { Database } from './database';
import type { DocStore } from './DocStore';
import { openPostgres } from './postgres';
import { PostgresDocStore } from './PostgresDocStore';
import { openSqlite } from './sqlite';
import { SqliteDocStore } from './SqliteDocStore';

/** A migrated database and the doc store on it. */
export async function openDatabase(config: Pick<Config, 'databaseUrl' | 'dataDir'>): Promise<{ db: Database; docs: DocStore }> {
  if (config.databaseUrl) {
    const db = await openPostgres(config.databaseUrl);
    return { db, docs: new PostgresDocStore(db) };
  }
  const db = openSqlite(config.dataDir);
  return { db, docs: new SqliteDocStore(db) };
}
