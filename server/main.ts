/** `npm start`: build the client if needed, open the database, serve Galley, drain on SIGTERM. */
import { createGalley } from './app';
import { ensureClientBuild } from './clientBuild';
import { loadConfig } from './config';
import { ensureDemoNewsroom, formatDemoLogins } from './demo/demoNewsroom';
import { createLogger } from './logger';

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  await ensureClientBuild(log);
  const galley = await createGalley(config, log);
  const logins = config.demo ? await ensureDemoNewsroom(galley.users, galley.articles) : [];
  const url = await galley.listen();
  log.info({ url, store: config.databaseUrl ? 'postgres' : config.dataDir }, 'Galley is listening');
  if (logins.length) process.stdout.write(formatDemoLogins(logins, config.publicUrl ?? url) + '\n');

  // A background task that fails (a message to another instance while Redis restarts) is logged; it
  // must not take down every editor's connection with it.
  process.on('unhandledRejection', (err) => log.error({ err }, 'a background task failed'));

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'draining: flushing open stories and closing connections');
    try {
      await galley.close();
      log.info('stopped cleanly');
      process.exit(0);
    } catch (err) {
      log.error({ err }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((err) => {
  process.stderr.write(`Galley could not start: ${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
