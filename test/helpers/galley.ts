/** Starts real Galley servers for tests: in this process on port 0, or as a child process. */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createGalley, type Galley } from '../../server/app';
import { loadConfig } from '../../server/config';
import { createLogger } from '../../server/logger';
import type { Role } from '../../shared/roles';

export const repoRoot = path.resolve(import.meta.dirname, '../..');

/** A fresh, empty data directory. */
export function tempDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'galley-test-'));
}

/** A Galley running in this process. */
export interface RunningGalley {
  url: string;
  galley: Galley;
  dataDir: string;
  stop(): Promise<void>;
}

/** Starts Galley in this process on a free port, on a SQLite file in `dataDir`. */
export async function startGalley(options: { dataDir?: string; env?: Record<string, string> } = {}): Promise<RunningGalley> {
  const dataDir = options.dataDir ?? tempDataDir();
  const config = loadConfig({ PORT: '0', GALLEY_DATA_DIR: dataDir, GALLEY_DEMO: '0', GALLEY_LOG_LEVEL: 'silent', ...options.env });
  const galley = await createGalley(config, createLogger(config.logLevel));
  const url = await galley.listen();
  return { url, galley, dataDir, stop: () => galley.close() };
}

/** A Galley running as its own process, as `npm start` runs it. */
export interface GalleyProcess {
  url: string;
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** Levels that still log the line this helper waits for. */
const verbose = ['info', 'debug', 'trace'];

/** Spawns `server/main.ts` with the given data directory and waits until it listens. */
export async function spawnGalley(dataDir: string, env: Record<string, string> = {}): Promise<GalleyProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: repoRoot,
    env: { ...process.env, PORT: '0', GALLEY_DATA_DIR: dataDir, GALLEY_DEMO: '0', ...env, GALLEY_LOG_LEVEL: verbose.includes(env.GALLEY_LOG_LEVEL ?? '') ? env.GALLEY_LOG_LEVEL : 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Galley did not start within 60 s:\n${output}`)), 60_000);
    const onData = () => {
      const match = /"url":"(http:\/\/[^"]+)"/.exec(output);
      if (match) {
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        resolve(match[1]);
      }
    };
    child.stdout!.on('data', onData);
    void exited.then((code) => reject(new Error(`Galley exited with ${code} before listening:\n${output}`)));
  });
  return { url, child, output: () => output, exited };
}

/** A newsroom member made for a test, with the password to sign in. */
export interface TestUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  password: string;
}

/** Adds a user with a random email and password. */
export async function addUser(galley: Galley, role: Role = 'writer', name = `Test ${role}`): Promise<TestUser> {
  const password = randomBytes(12).toString('base64url');
  const email = `${role}-${randomBytes(4).toString('hex')}@galley.test`;
  const user = await galley.users.add({ email, name, role, password });
  return { id: user.id, email, name, role, password };
}

/** Signs in over the API and returns the Cookie header value. */
export async function signIn(url: string, user: { email: string; password: string }): Promise<string> {
  const res = await fetch(`${url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: user.email, password: user.password }),
  });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get('set-cookie');
  if (!cookie) throw new Error('sign-in set no cookie');
  return cookie.split(';')[0];
}

/** Calls the JSON API as a signed-in user. */
export async function api<T = unknown>(url: string, cookie: string | undefined, method: string, route: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${url}${route}`, {
    method,
    headers: { ...(cookie ? { cookie } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const json = res.headers.get('content-type')?.includes('json');
  return { status: res.status, body: (json && text ? JSON.parse(text) : text || undefined) as T };
}
