/**
 * Throwaway PostgreSQL databases on the server this machine runs, for tests and benchmarks: created
 * through an admin connection (by default the `test` database on 127.0.0.1:5432, trust auth) and
 * dropped afterwards, whatever still uses them.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

const PostgresAdminUrl = process.env.GALLEY_TEST_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A new, empty database. */
export interface ScratchDatabase {
  name: string;
  url: string;
  /** Drops it, ending whatever connections still use it. */
  drop(): Promise<void>;
}

async function asAdmin(adminUrl: string, sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

/** Creates a database named `<prefix>_<random>` through `adminUrl`. */
export async function freshPostgres(options: { adminUrl?: string; prefix?: string } = {}): Promise<ScratchDatabase> {
  const adminUrl = options.adminUrl ?? PostgresAdminUrl;
  const name = `${options.prefix ?? 'galley_test'}_${randomBytes(6).toString('hex')}`;
  await asAdmin(adminUrl, `CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { name, url: url.toString(), drop: () => asAdmin(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
