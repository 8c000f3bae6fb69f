/** `npm run galley -- user add --email E --name N --role R --password P`: newsroom administration. */
import { parseArgs } from 'node:util';
import { Roles } from '../shared/roles';
import { UserStore } from './auth/users';
import { loadConfig } from './config';
import { HttpError } from './errors';
import { openDatabase } from './store/open';

const usage = `Usage:
  npm run galley -- user add --email E --name N --role R --password P
Roles: ${Roles.join(', ')}. The database is the one in GALLEY_DATA_DIR (default ./data).`;

async function main(argv: string[]): Promise<number> {
  const [noun, verb, ...rest] = argv;
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
