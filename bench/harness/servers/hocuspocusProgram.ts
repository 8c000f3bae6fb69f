/**
 * The Hocuspocus server as its documentation sets it up, with the SQLite extension on a file.
 * Run as its own process by the benchmark: `node --import tsx hocuspocusProgram.ts`, with PORT and
 * HOCUSPOCUS_DB in the environment. Stops on SIGTERM through Hocuspocus's own signal handling.
 */
import { SQLite } from '@hocuspocus/extension-sqlite';
import { Server } from '@hocuspocus/server';

const database = process.env.HOCUSPOCUS_DB;
if (!database) throw new Error('HOCUSPOCUS_DB must name the SQLite file');

const server = new Server({
  port: Number(process.env.PORT ?? 0),
  address: '127.0.0.1',
  quiet: true,
  extensions: [new SQLite({ database })],
});
await server.listen();
process.stdout.write(`${JSON.stringify({ listening: `ws://127.0.0.1:${server.address.port}` })}\n`);
