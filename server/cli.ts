/** `npm run galley -- user add …` and `npm run galley -- vacuum`: newsroom administration. */
import { parseArgs } from 'node:util';
import { Roles } from '../shared/roles';
import { UserStore } from './auth/users';
import { loadConfig } from './config';
import { HttpError } from './errors';
import { openDatabase } from './store/open';
import { vacuumSqlite } from './store/sqlite';

const usage = `Usage:
  npm run galley -- user add --email E --name N --role R --password P
  npm run galley -- vacuum      (with Galley stopped: rebuild a SQLite file made by an older version, handing its free pages back)
Roles: ${Roles.join(', ')}. The database is the one in GALLEY_DATA_DIR (default ./data).`;

/** Rebuilds the SQLite file (PostgreSQL's autovacuum sees to its own). */
function vacuum(): number {
  const config = loadConfig();
  if (config.databaseUrl) {
    process.stderr.write('DATABASE_URL is set: PostgreSQL reuses freed space itself; nothing to do.\n');
    return 2;
  }
  process.stdout.write(`Rebuilding ${config.dataDir}/galley.db …\n`);
  const { before, after } = vacuumSqlite(config.dataDir);
  const mib = (n: number) => `${(n / 2 ** 20).toFixed(1)} MiB`;
  process.stdout.write(`Done: ${mib(before)} before, ${mib(after)} now.\n`);
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const [noun, verb, ...rest] = argv;
  if (noun === 'vacuum' && verb === undefined) return vacuum();
  if (noun !== 'user' || verb !== 'add') {
    process.stderr.write(`${usage}\n`);
    return 2;
  }
  const { values } = parseArgs({
    args: rest,
    options: { email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' }, password: { type: 'string' } },
    strict: true,
  });
  const missing = ['email', 'name', 'role', 'password'].filter((k) => !values[k as keyof typeof values]);
  if (missing.length) {
    process.stderr.write(`Missing ${missing.map((m) => `--${m}`).join(', ')}.\n${usage}\n`);
    return 2;
  }
  const { db } = await openDatabase(loadConfig());
  try {
    const user = await new UserStore(db).add({
      email: values.email!,
      name: values.name!,
      role: values.role as (typeof Roles)[number],
      password: values.password!,
    });
    process.stdout.write(`Added ${user.name} <${user.email}> as ${user.role} (id ${user.id}).\n`);
    return 0;
  } finally {
    await db.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`${err instanceof HttpError || err instanceof TypeError ? err.message : (err as Error).stack}\n`);
    process.exit(err instanceof HttpError || err instanceof TypeError ? 1 : 70);
  },
);
