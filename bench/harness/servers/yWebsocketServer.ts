/**
 * The reference y-websocket server (`@y/websocket-server`), run as its package's own `server.js`:
 * in memory, or persisting every update to LevelDB when YPERSISTENCE names a directory.
 */
import fs from 'node:fs';
import path from 'node:path';
import { benchRoot } from '../paths';
import { freePort } from './freePort';
import { ServerProcess } from './ServerProcess';
import { newStoryNames } from './storyNames';
import type { RunningServer, ServerKind } from './types';

const serverScript = path.join(benchRoot, 'node_modules/@y/websocket-server/src/server.js');

async function startReference(persist: boolean, dataDir: string): Promise<RunningServer> {
  if (!fs.existsSync(serverScript)) throw new Error(`${serverScript} is missing: run \`npm ci --prefix bench\``);
  const port = await freePort();
  const { process: proc } = await ServerProcess.start({
    name: `y-websocket-server${persist ? ' (LevelDB)' : ''}`,
    command: process.execPath,
    args: [serverScript],
    cwd: benchRoot,
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), YPERSISTENCE: persist ? path.join(dataDir, 'leveldb') : undefined },
    ready: /running at/,
  });
  return {
    id: persist ? 'y-websocket-leveldb' : 'y-websocket-memory',
    processes: [proc],
    dataDir,
    endpoint: { dialect: 'y-websocket', url: `ws://127.0.0.1:${port}`, seedsStories: false },
    createStories: async (count) => newStoryNames(count),
    async stop() {
      // It has no handler of its own: SIGTERM ends it at once, after LevelDB has written what it was given.
      await proc.stop();
    },
    restart: () => startReference(persist, dataDir),
  };
}

/** y-websocket-server keeping documents in memory only. */
export const yWebsocketMemory: ServerKind = {
  id: 'y-websocket-memory',
  label: 'y-websocket-server (memory)',
  galley: false,
  durable: false,
  start: (dataDir) => startReference(false, dataDir),
};

/** y-websocket-server with its LevelDB persistence. */
export const yWebsocketLeveldb: ServerKind = {
  id: 'y-websocket-leveldb',
  label: 'y-websocket-server (LevelDB)',
  galley: false,
  durable: true,
  start: (dataDir) => startReference(true, dataDir),
};
