/**
 * A throwaway PostgreSQL database for one benchmark server, on the server this machine runs
 * (`GALLEY_BENCH_POSTGRES`, by default the `test` database on 127.0.0.1:5432, as the tests use), and
 * the Redis the instances share (`GALLEY_BENCH_REDIS`). `pg` is Galley's own dependency, resolved from
 * the repository as tsx is.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

const adminUrl = process.env.GALLEY_BENCH_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/test';

/** The Redis every scaled-out benchmark server uses, each under a channel prefix of its own. */
export const benchRedisUrl = process.env.GALLEY_BENCH_REDIS ?? 'redis://127.0.0.1:6379';

/** A new, empty database. */
export interface ScratchDatabase {
  name: string;
  url: string;
  /** Drops it, ending whatever connections still use it. */
  drop(): Promise<void>;
}

async function asAdmin(sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

/** Creates a database named `galley_bench_<random>`. */
export async function createScratchDatabase(): Promise<ScratchDatabase> {
  const name = `galley_bench_${randomBytes(6).toString('hex')}`;
  try {
    await asAdmin(`CREATE DATABASE ${name}`);
  } catch (err) {
    throw new Error(`could not create a PostgreSQL database through ${adminUrl} (set GALLEY_BENCH_POSTGRES): ${(err as Error).message}`);
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { name, url: url.toString(), drop: () => asAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
