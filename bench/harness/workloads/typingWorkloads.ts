/**
 * The newsroom (many stories, a few editors each) and the hot story (one story, many editors):
 * real providers typing as Poisson processes, latency from each edit to its arrival at every
 * other editor of the story, and the server's CPU and RSS over the same window.
 */
import type { Scale, TypingScale, WorkloadId } from '../options';
import { mib, ms, num, percent } from '../report/format';
import type { Cell } from '../report/Results';
import type { RunningServer } from '../servers/types';
import { runLatency, type LatencyRunResult } from './latencyRun';
import { withServer, type Outcome, type Workload } from './Workload';

/** The cells every typing run fills, keyed under `prefix`. */
export function latencyCells(prefix: string, r: LatencyRunResult): Record<string, Cell> {
  const refused = r.refused ? { text: `refused: ${r.refused}` } : undefined;
  return {
    [`${prefix}.p50`]: refused ?? ms(r.latency.p50),
    [`${prefix}.p95`]: refused ?? ms(r.latency.p95),
    [`${prefix}.p99`]: refused ?? ms(r.latency.p99),
    [`${prefix}.delivered`]: { text: `${num(r.delivered)} / ${num(r.expected)}`, value: r.expected ? r.delivered / r.expected : undefined },
    [`${prefix}.rate`]: refused ?? { text: `${num(r.deliveredPerSecond)} (${num(r.editsPerSecond)})`, value: r.deliveredPerSecond },
    [`${prefix}.cpu`]: refused ?? percent(r.serverCpuPercent),
    [`${prefix}.rss`]: mib(r.serverRssPeak),
    [`${prefix}.generator`]: { text: `${num(r.generatorCpuPercent, 1)} % (${r.generators} process${r.generators > 1 ? 'es' : ''})`, value: r.generatorCpuPercent },
    [`${prefix}.loopDelay`]: ms(r.generatorLoopDelayMs),
  };
}

/** Problems with a run's deliveries. */
export function deliveryProblems(r: LatencyRunResult): string[] {
  if (r.expected === 0) return ['no edit was measured'];
  if (r.delivered < r.expected) return [`${r.expected - r.delivered} of ${r.expected} deliveries did not arrive`];
  if (r.delivered > r.expected) return [`${r.delivered - r.expected} more arrivals than deliveries owed: an edit was counted twice`];
  return [];
}

/** For a server of several instances: what each one carried, and what the summed figures leave out. */
export async function instanceNotes(server: RunningServer, r: LatencyRunResult): Promise<string[]> {
  if (server.processes.length < 2) return [];
  const activity = (await server.instanceActivity?.().catch((err: Error) => [`could not read /metrics: ${err.message}`])) ?? [];
  return [
    `server CPU and RSS are the sum of ${server.processes.length} instances; the balancer runs in the harness process and is not counted`,
    ...r.perProcess.map((p, i) => `instance ${i + 1}: CPU ${num(p.cpuPercent, 1)} % of a core, RSS peak ${num(p.rssPeak / 2 ** 20, 1)} MiB${activity[i] ? `; since start: ${activity[i]}` : ''}`),
  ];
}

function typingWorkload(id: WorkloadId, pick: (s: Scale) => TypingScale, describe: string): Workload {
  return {
    id,
    title: (scale) => {
      const p = pick(scale);
      return `${describe}: ${p.stories} ${p.stories === 1 ? 'story' : 'stories'} × ${p.editorsPerStory} editors × ${p.ratePerEditor} edit/s (Poisson), ${p.windowMs / 1000} s`;
    },
    rows: [
      { key: `${id}.p50`, label: 'latency edit → every other editor, p50 (ms)' },
      { key: `${id}.p95`, label: 'latency p95 (ms)' },
      { key: `${id}.p99`, label: 'latency p99 (ms)' },
      { key: `${id}.delivered`, label: 'deliveries arrived / owed' },
      { key: `${id}.rate`, label: 'throughput: updates delivered per second (edits typed per second)' },
      { key: `${id}.cpu`, label: 'server CPU (% of a core)' },
      { key: `${id}.rss`, label: 'server RSS, peak (MiB)' },
      { key: `${id}.generator`, label: 'load generator CPU, busiest process (% of a core)' },
      { key: `${id}.loopDelay`, label: 'load generator event-loop delay, p99 (ms)' },
    ],
    async run(kind, ctx): Promise<Outcome> {
      const p = pick(ctx.scale);
      return withServer(kind, ctx, async (server) => {
        const stories = await server.createStories(p.stories);
        ctx.progress(`${id}: ${p.stories * p.editorsPerStory} editors typing for ${p.windowMs / 1000} s`);
        const r = await runLatency(server, { ...p, stories, editor: 'provider' });
        return { cells: latencyCells(id, r), problems: deliveryProblems(r), notes: await instanceNotes(server, r) };
      });
    },
  };
}

/** Many stories, four editors each. */
export const newsroom = typingWorkload('newsroom', (s) => s.newsroom, 'a newsroom');

/** One story everyone is in. */
export const hotStory = typingWorkload('hot', (s) => s.hot, 'one hot story');
