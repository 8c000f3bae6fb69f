/**
 * Galley as a user runs it: `server/main.ts` in its own Node process (what `npm start` runs, without
 * tsx's extra parent process, so /proc shows the server itself), on a durable SQLite file, with a
 * writer added through `npm run galley -- user add` and signed in over the API.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { repoRoot } from '../paths';
import { ServerProcess } from './ServerProcess';
import type { RunningServer, ServerKind, StartOptions } from './types';

const run = promisify(execFile);

interface Login {
  email: string;
  password: string;
}

/** Adds the benchmark's writer to the database in `dataDir`, as the README says to. */
async function addWriter(dataDir: string): Promise<Login> {
  const login = { email: `desk-${randomBytes(3).toString('hex')}@galley.test`, password: randomBytes(12).toString('hex') };
  const args = ['user', 'add', `--email=${login.email}`, '--name=Bench Writer', '--role=writer', `--password=${login.password}`];
  await run('npm', ['run', '--silent', 'galley', '--', ...args], {
    cwd: repoRoot,
    env: { ...process.env, GALLEY_DATA_DIR: dataDir },
  });
  return login;
}

/** Signs in; returns the Cookie header value. */
async function signIn(url: string, login: Login): Promise<string> {
  const res = await fetch(`${url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(login) });
  if (res.status !== 200) throw new Error(`Galley sign-in failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get('set-cookie');
  if (!cookie) throw new Error('Galley sign-in set no cookie');
  return cookie.split(';')[0];
}

/** Creates one story over the API; returns its id. */
async function createStory(url: string, cookie: string, headline: string): Promise<string> {
  const res = await fetch(`${url}/api/articles`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify({ headline }) });
  if (res.status !== 201) throw new Error(`Galley refused to create a story: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}

async function startGalley(dataDir: string, options: StartOptions, existing?: Login): Promise<RunningServer> {
  const login = existing ?? (await addWriter(dataDir));
  const profile = options.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`] : [];
  const { process: proc, match } = await ServerProcess.start({
    name: 'Galley',
    command: process.execPath,
    args: [...profile, '--import', 'tsx', 'server/main.ts'],
    cwd: repoRoot,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', GALLEY_DATA_DIR: dataDir, GALLEY_DEMO: '0' },
    ready: /"url":"(http:\/\/[^"]+)"/,
  });
  const url = match[1];
  try {
    const cookie = await signIn(url, login);
    let made = 0;
    return {
      id: 'galley',
      process: proc,
      dataDir,
      web: { url, login },
      endpoint: { dialect: 'y-websocket', url: `${url.replace(/^http/, 'ws')}/collab`, cookie, seedsStories: true },
      async createStories(count) {
        const ids: string[] = [];
        // A few requests at a time, as a busy desk would make them.
        for (let i = 0; i < count; i += 8) {
          const batch = Array.from({ length: Math.min(8, count - i) }, (_, j) => createStory(url, cookie, `Story ${made + i + j + 1}`));
          ids.push(...(await Promise.all(batch)));
        }
        made += count;
        return ids;
      },
      async stop() {
        const code = await proc.stop();
        if (code !== 0) throw new Error(`Galley exited with ${code} on SIGTERM:\n${proc.output()}`);
      },
      restart: () => startGalley(dataDir, options, login),
    };
  } catch (err) {
    await proc.stop();
    throw err;
  }
}

/** Galley, durable on SQLite. */
export const galley: ServerKind = {
  id: 'galley',
  label: 'Galley (SQLite)',
  durable: true,
  start: (dataDir, options = {}) => startGalley(dataDir, options),
};
