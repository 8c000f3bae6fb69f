/** Builds the browser client when its build is missing or older than its sources. */
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from './logger';
import { clientDist } from './app';

const root = path.resolve(import.meta.dirname, '..');
const sources = ['client', 'shared', 'package-lock.json'].map((p) => path.join(root, p));

function newestMtime(p: string): number {
  if (!fs.existsSync(p)) return 0;
  const stat = fs.statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(p)) {
    if (entry === 'dist' || entry === 'node_modules') continue;
    newest = Math.max(newest, newestMtime(path.join(p, entry)));
  }
  return newest;
}

/** Whether the client must be (re)built. */
export function clientBuildIsStale(): boolean {
  const index = path.join(clientDist, 'index.html');
  if (!fs.existsSync(index)) return true;
  const built = fs.statSync(index).mtimeMs;
  return sources.some((s) => newestMtime(s) > built);
}

/** Builds the client with Vite if it is stale; logs what it does. */
export async function ensureClientBuild(log: Logger): Promise<void> {
  if (!clientBuildIsStale()) return;
  log.info('building the web client (it is missing or older than its sources)…');
  const started = Date.now();
  const { build } = await import('vite');
  // Always the production build, whatever NODE_ENV the caller runs under: the test runner sets
  // "test", which would otherwise bundle React's development build and the JSX that goes with it.
  const callerEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: path.join(root, 'client/vite.config.ts'), logLevel: 'warn', mode: 'production' });
  } finally {
    if (callerEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = callerEnv;
  }
  log.info({ ms: Date.now() - started }, 'web client built');
}
