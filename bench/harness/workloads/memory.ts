/**
 * Memory: many open stories with one client each. The server's RSS before (a freshly started
 * process, the stories already created), with every story open, and after everyone has left and the
 * server has gone quiet; the growth per open story.
 */
import { DriverPool } from '../driver/DriverPool';
import { rssBytes, waitForIdle } from '../proc';
import { kib, mib, num } from '../report/format';
import { serverPids } from '../servers/types';
import type { Outcome, Workload } from './Workload';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export const memory: Workload = {
  id: 'memory',
  title: (s) => `${num(s.memory.stories)} open stories, one client (provider) each`,
  rows: [
    { key: 'memory.baseline', label: 'server RSS before: fresh process, stories created (MiB)' },
    { key: 'memory.open', label: 'server RSS with every story open (MiB)' },
    { key: 'memory.perStory', label: 'RSS per open story (KiB)' },
    { key: 'memory.after', label: 'server RSS after everyone left (MiB)' },
    { key: 'memory.afterRatio', label: 'after / before' },
  ],
  async run(kind, ctx): Promise<Outcome> {
    const m = ctx.scale.memory;
    const first = await kind.start(ctx.tempDir(kind.id), ctx.startOptions);
    let server = first;
    try {
      const stories = await first.createStories(m.stories);
      // Creating a thousand stories leaves garbage behind: measure a fresh process instead.
      await first.stop();
      server = await first.restart();
      const pids = serverPids(server);
      // A thousand open connections keep a server a little busy (awareness renewals): settle, do not insist.
      const quiet = { quietMs: ctx.smoke ? 300 : 2000, belowPercent: Math.max(10, ctx.idlePercent), timeoutMs: 30_000, strict: false };
      await waitForIdle(pids, quiet);
      const baseline = rssBytes(pids);

      ctx.progress(`memory: opening ${num(m.stories)} stories`);
      const opening = performance.now();
      const pool = await DriverPool.open(m.drivers, { endpoint: server.endpoint, stories, editorsPerStory: 1, editor: 'provider', connectConcurrency: 50 });
      let open: number;
      try {
        ctx.progress(`memory: ${num(m.stories)} stories open after ${num((performance.now() - opening) / 1000, 1)} s; letting the server settle`);
        await waitForIdle(pids, quiet);
        await sleep(m.settleMs);
        open = rssBytes(pids);
      } finally {
        await pool.close();
      }
      ctx.progress('memory: everyone left; letting the server settle');
      await waitForIdle(pids, quiet);
      await sleep(m.settleMs);
      const after = rssBytes(pids);
      return {
        cells: {
          'memory.baseline': mib(baseline),
          'memory.open': mib(open),
          'memory.perStory': kib((open - baseline) / m.stories),
          'memory.after': mib(after),
          'memory.afterRatio': { text: `${num((after / baseline) * 100, 0)} %`, value: after / baseline },
        },
        problems: [],
      };
    } finally {
      await server.stop();
    }
  },
};
