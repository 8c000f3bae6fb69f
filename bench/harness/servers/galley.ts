/**
 * Galley as a user runs it: `server/main.ts` in its own Node process (what `npm start` runs, without
 * tsx's extra parent process, so /proc shows the server itself), with a writer added through
 * `npm run galley -- user add` and signed in over the API. Three deployments:
 *
 * - `galley`: one instance on a durable SQLite file;
 * - `galley-postgres`: one instance on a fresh PostgreSQL database, with the Redis fan-out on;
 * - `galley-2x`: two instances on one fresh PostgreSQL database and one Redis, behind a round-robin
 *   TCP balancer, so the editors of a story are spread over both and an edit typed on one instance
 *   reaches the editors on the other through Redis.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '../paths';
import { startBalancer, type Balancer } from '../../../test/helpers/balancer';
import { benchRedisUrl, createScratchDatabase } from './scratchDatabase';
import { ServerProcess } from './ServerProcess';
import type { RunningServer, ServerId, ServerKind, StartOptions } from './types';

const run = promisify(execFile);

interface Login {
  email: string;
  password: string;
}

/** How one kind of Galley is deployed. */
interface Deployment {
  id: ServerId;
  instances: number;
  /** On a fresh PostgreSQL database with the Redis fan-out, rather than on SQLite. */
  postgres: boolean;
}

/** What a restart needs to find the same newsroom again. */
interface Newsroom {
  login: Login;
  /** The environment every instance gets, besides its port and name (undefined: removed from the harness's own). */
  env: Record<string, string | undefined>;
  /** The bearer token of the instances' /metrics. */
  metricsToken: string;
}

/** Adds the benchmark's writer to the newsroom's database, as the README says to. */
async function addWriter(env: Record<string, string | undefined>): Promise<Login> {
  const login = { email: `desk-${randomBytes(3).toString('hex')}@galley.test`, password: randomBytes(12).toString('hex') };
  const args = ['user', 'add', `--email=${login.email}`, '--name=Bench Writer', '--role=writer', `--password=${login.password}`];
  await run('npm', ['run', '--silent', 'galley', '--', ...args], { cwd: repoRoot, env: { ...process.env, ...env } });
  return login;
}

let clientBuild: Promise<unknown> | undefined;

/**
 * Builds the web client if it is missing or older than its sources, once per run and in a process of
 * its own. `npm start` does it at boot; left to the servers, each would build it inside the very
 * process the benchmark measures (its RSS and start time), several at once in the smoke run.
 */
function ensureClientBuild(): Promise<unknown> {
  const script = "const { ensureClientBuild } = await import('./server/clientBuild.ts'); await ensureClientBuild({ info: () => undefined });";
  clientBuild ??= run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: repoRoot, maxBuffer: 16 * 2 ** 20 });
  return clientBuild;
}

/** Sets up an empty newsroom: its database (a fresh one on PostgreSQL) and its writer. */
async function openNewsroom(deployment: Deployment, dataDir: string, options: StartOptions): Promise<Newsroom> {
  const metricsToken = randomBytes(16).toString('hex');
  // Whatever the shell running the benchmark points at, the SQLite deployment stays on SQLite and alone.
  const env: Record<string, string | undefined> = {
    GALLEY_DATA_DIR: dataDir,
    GALLEY_DEMO: '0',
    GALLEY_METRICS_TOKEN: metricsToken,
    DATABASE_URL: undefined,
    REDIS_URL: undefined,
    GALLEY_REDIS_PREFIX: undefined,
    GALLEY_PUBLIC_URL: undefined,
  };
  if (deployment.postgres) {
    // The database outlives a stop (the cold and memory workloads restart on it): the harness drops it afterwards.
    if (!options.afterWorkload) throw new Error(`${deployment.id} needs StartOptions.afterWorkload to drop its database`);
    const database = await createScratchDatabase();
    options.afterWorkload(database.drop);
    // Its own channel prefix too, so runs side by side on one Redis do not hear each other.
    Object.assign(env, { DATABASE_URL: database.url, REDIS_URL: benchRedisUrl, GALLEY_REDIS_PREFIX: database.name });
  }
  return { login: await addWriter(env), env, metricsToken };
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

/** Where an instance writes its CPU profile: the directory itself for plain Galley, a folder per deployment and instance otherwise. */
function profileDir(deployment: Deployment, instance: number, options: StartOptions): string | undefined {
  if (!options.cpuProfileDir) return undefined;
  if (deployment.id === 'galley') return options.cpuProfileDir;
  const dir = path.join(options.cpuProfileDir, deployment.id, deployment.instances > 1 ? `instance-${instance}` : '');
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** Starts one instance; resolves with its process and base URL once it listens. */
async function startInstance(deployment: Deployment, newsroom: Newsroom, instance: number, options: StartOptions): Promise<{ proc: ServerProcess; url: string }> {
  const dir = profileDir(deployment, instance, options);
  const profile = dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : [];
  const name = deployment.instances > 1 ? `Galley instance ${instance}` : 'Galley';
  const { process: proc, match } = await ServerProcess.start({
    name,
    command: process.execPath,
    args: [...profile, '--import', 'tsx', 'server/main.ts'],
    cwd: repoRoot,
    env: { ...process.env, ...newsroom.env, PORT: '0', HOST: '127.0.0.1', GALLEY_INSTANCE: `${deployment.id}-${instance}` },
    ready: /"url":"(http:\/\/[^"]+)"/,
  });
  return { proc, url: match[1] };
}

/** One value of a Prometheus text exposition, summed over its label sets; 0 when absent. */
function metric(text: string, name: string): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    const match = /^(\w+)(?:\{[^}]*\})? (\S+)$/.exec(line);
    if (match && match[1] === name) sum += Number(match[2]);
  }
  return sum;
}

/** One instance's traffic since it started, from its /metrics. */
async function activity(url: string, token: string): Promise<string> {
  const res = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
  if (res.status !== 200) return `/metrics answered ${res.status}`;
  const text = await res.text();
  const received = metric(text, 'galley_redis_lag_seconds_count');
  const lagMs = received ? (metric(text, 'galley_redis_lag_seconds_sum') / received) * 1000 : 0;
  const n = (v: number) => v.toLocaleString('en-GB', { maximumFractionDigits: 0 });
  return (
    `${n(metric(text, 'galley_updates_in_total'))} updates from its editors, ${n(metric(text, 'galley_updates_out_total'))} sent to them; ` +
    `Redis: ${n(metric(text, 'galley_redis_published_total'))} messages (updates and awareness) published, ${n(received)} received from the other instance, mean lag ${lagMs.toFixed(2)} ms`
  );
}

async function startGalley(deployment: Deployment, dataDir: string, options: StartOptions, existing?: Newsroom): Promise<RunningServer> {
  await ensureClientBuild();
  const newsroom = existing ?? (await openNewsroom(deployment, dataDir, options));
  const starting = await Promise.allSettled(Array.from({ length: deployment.instances }, (_, i) => startInstance(deployment, newsroom, i + 1, options)));
  const instances = starting.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failed = starting.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  let balancer: Balancer | undefined;
  const stopAll = async () => {
    const codes = await Promise.all(instances.map((i) => i.proc.stop()));
    await balancer?.close();
    return codes;
  };
  try {
    if (failed) throw failed.reason;
    if (instances.length > 1) balancer = await startBalancer(instances.map((i) => i.url));
    const url = balancer?.url ?? instances[0].url;
    const cookie = await signIn(url, newsroom.login);
    let made = 0;
    return {
      id: deployment.id,
      processes: instances.map((i) => i.proc),
      dataDir,
      web: { url, login: newsroom.login },
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
      instanceActivity: instances.length > 1 ? () => Promise.all(instances.map((i) => activity(i.url, newsroom.metricsToken))) : undefined,
      async stop() {
        const codes = await stopAll();
        const bad = codes.flatMap((code, i) => (code === 0 ? [] : [`${instances[i].proc.name} exited with ${code} on SIGTERM:\n${instances[i].proc.output()}`]));
        if (bad.length) throw new Error(bad.join('\n'));
      },
      restart: () => startGalley(deployment, dataDir, options, newsroom),
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}

function galleyKind(deployment: Deployment, label: string): ServerKind {
  return {
    id: deployment.id,
    label,
    galley: true,
    durable: true,
    storedElsewhere: deployment.postgres ? 'PostgreSQL' : undefined,
    start: (dataDir, options = {}) => startGalley(deployment, dataDir, options),
  };
}

/** Galley, durable on SQLite. */
export const galley = galleyKind({ id: 'galley', instances: 1, postgres: false }, 'Galley (SQLite)');

/** One Galley instance on PostgreSQL, with the Redis fan-out on (and nobody else to hear it). */
export const galleyPostgres = galleyKind({ id: 'galley-postgres', instances: 1, postgres: true }, 'Galley (PostgreSQL + Redis)');

/** Two Galley instances on one PostgreSQL database and Redis, behind a round-robin balancer. */
export const galleyTwoInstances = galleyKind({ id: 'galley-2x', instances: 2, postgres: true }, 'Galley ×2 (PostgreSQL + Redis, balanced)');
