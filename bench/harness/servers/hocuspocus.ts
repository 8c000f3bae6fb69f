/** Hocuspocus 3 with `@hocuspocus/extension-sqlite`, in its own process. */
import path from 'node:path';
import { repoRoot } from '../paths';
import { ServerProcess } from './ServerProcess';
import { newStoryNames } from './storyNames';
import type { RunningServer, ServerKind } from './types';

const program = path.join(import.meta.dirname, 'hocuspocusProgram.ts');

async function startHocuspocus(dataDir: string): Promise<RunningServer> {
  const { process: proc, match } = await ServerProcess.start({
    name: 'Hocuspocus',
    command: process.execPath,
    args: ['--import', 'tsx', program],
    // tsx is resolved from the repository; Hocuspocus and sqlite3 from bench/node_modules.
    cwd: repoRoot,
    env: { ...process.env, PORT: '0', HOCUSPOCUS_DB: path.join(dataDir, 'hocuspocus.sqlite') },
    ready: /"listening":"(ws:\/\/[^"]+)"/,
  });
  return {
    id: 'hocuspocus-sqlite',
    processes: [proc],
    dataDir,
    endpoint: { dialect: 'hocuspocus', url: match[1], seedsStories: false },
    createStories: async (count) => newStoryNames(count),
    async stop() {
      await proc.stop();
    },
    restart: () => startHocuspocus(dataDir),
  };
}

/** Hocuspocus, durable on SQLite. */
export const hocuspocusSqlite: ServerKind = {
  id: 'hocuspocus-sqlite',
  label: 'Hocuspocus (SQLite)',
  galley: false,
  durable: true,
  start: (dataDir) => startHocuspocus(dataDir),
};
