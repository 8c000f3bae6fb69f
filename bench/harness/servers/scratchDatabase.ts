/**
 * A throwaway PostgreSQL database for one benchmark server, on the server this machine runs
 * (`GALLEY_BENCH_POSTGRES`, by default the `test` database on 127.0.0.1:5432, as the tests use), and
 * the Redis the instances share (`GALLEY_BENCH_REDIS`).
 */
import { freshPostgres, type ScratchDatabase } from '../../../test/helpers/postgres';

const adminUrl = process.env.GALLEY_BENCH_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/test';

/** The Redis every scaled-out benchmark server uses, each under a channel prefix of its own. */
export const benchRedisUrl = process.env.GALLEY_BENCH_REDIS ?? 'redis://127.0.0.1:6379';

/** Creates a database named `galley_bench_<random>`. */
export async function createScratchDatabase(): Promise<ScratchDatabase> {
  try {
    return await freshPostgres({ adminUrl, prefix: 'galley_bench' });
  } catch (err) {
    throw new Error(`could not create a PostgreSQL database through ${adminUrl} (set GALLEY_BENCH_POSTGRES): ${(err as Error).message}`);
  }
}
