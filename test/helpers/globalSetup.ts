/** Builds the web client once before the suite, as `npm start` would, for the browser tests. */
import { ensureClientBuild } from '../../server/clientBuild';
import { createLogger } from '../../server/logger';

export default async function setup(): Promise<void> {
  await ensureClientBuild(createLogger('warn'));
}
