/**
 * Capacity: the newsroom load stepped up (more stories, four editors each, one edit per second)
 * until p99 passes the limit; the last step that held is the capacity. Steps double, then the gap
 * between the last that held and the first that missed is halved a few times. Lightweight
 * protocol-level editors carry the load, spread over load generator processes. Each step waits
 * for the server to go idle first.
 */
import { mib, ms, num, percent } from '../report/format';
import type { Cell } from '../report/Results';
import { waitForIdle } from '../proc';
import { serverPids, type RunningServer } from '../servers/types';
import { runLatency, type LatencyRunResult } from './latencyRun';
import { withServer, type Outcome, type RunContext, type Workload } from './Workload';

interface Step {
  stories: number;
  result: LatencyRunResult;
  held: boolean;
  why: string;
}

async function runStep(server: RunningServer, ctx: RunContext, stories: string[], count: number): Promise<Step> {
  const c = ctx.scale.capacity;
  if (stories.length < count) stories.push(...(await server.createStories(count - stories.length)));
  // Each step starts from a settled server: what the last one left to do when its editors went
  // (storing, compacting, unloading) is not this step's load.
  await waitForIdle(serverPids(server), { belowPercent: ctx.idlePercent, quietMs: 1000, timeoutMs: 60_000, strict: false });
  const editsPerSecond = count * c.editorsPerStory * c.ratePerEditor;
  const drivers = Math.min(4, Math.ceil(editsPerSecond / c.editsPerDriver));
  const result = await runLatency(server, {
    stories: stories.slice(0, count),
    editorsPerStory: c.editorsPerStory,
    ratePerEditor: c.ratePerEditor,
    editor: 'light',
    drivers,
    warmupMs: c.warmupMs,
    windowMs: c.windowMs,
    drainMs: c.drainMs,
  });
  const lost = Math.max(0, result.expected - result.delivered);
  const why = result.refused ?? (lost > 0 ? `${lost} deliveries lost` : `p99 ${result.latency.p99.toFixed(1)} ms`);
  const held = !result.refused && lost === 0 && result.latency.p99 <= c.p99LimitMs;
  ctx.progress(`capacity: ${count} stories (${num(editsPerSecond)} edits/s, ${drivers} generator${drivers > 1 ? 's' : ''}): ${held ? 'held' : 'missed'}, ${why}; server CPU ${result.serverCpuPercent.toFixed(0)} %, generator ${result.generatorCpuPercent.toFixed(0)} %`);
  return { stories: count, result, held, why };
}

export const capacity: Workload = {
  id: 'capacity',
  title: (s) => `newsroom load stepped up from ${s.capacity.firstStories} stories × ${s.capacity.editorsPerStory} editors × ${s.capacity.ratePerEditor} edit/s until p99 > ${s.capacity.p99LimitMs} ms (lightweight protocol clients, ${s.capacity.windowMs / 1000} s a step)`,
  rows: [
    { key: 'capacity.stories', label: 'last step that held: stories' },
    { key: 'capacity.rate', label: 'last step that held: edits/s' },
    { key: 'capacity.p99', label: 'p99 at that step (ms)' },
    { key: 'capacity.cpu', label: 'server CPU at that step (% of a core)' },
    { key: 'capacity.rss', label: 'server RSS at that step, peak (MiB)' },
    { key: 'capacity.generator', label: 'load generator CPU at that step, busiest process (% of a core)' },
    { key: 'capacity.miss', label: 'first step that missed' },
  ],
  async run(kind, ctx): Promise<Outcome> {
    const c = ctx.scale.capacity;
    return withServer(kind, ctx, async (server) => {
      const stories: string[] = [];
      let held: Step | undefined;
      let missed: Step | undefined;
      for (let n = c.firstStories; n <= c.maxStories; n *= 2) {
        const step = await runStep(server, ctx, stories, n);
        if (!step.held) {
          missed = step;
          break;
        }
        held = step;
      }
      for (let i = 0; i < c.refineSteps && held && missed; i++) {
        const n = Math.round((held.stories + missed.stories) / 2);
        if (n <= held.stories || n >= missed.stories) break;
        const step = await runStep(server, ctx, stories, n);
        if (step.held) held = step;
        else missed = step;
      }
      const cells: Record<string, Cell> = {
        'capacity.miss': missed ? { text: `${num(missed.stories)} stories: ${missed.why}` } : { text: `none up to ${num(c.maxStories)} stories` },
      };
      if (held) {
        const r = held.result;
        // Reaching the top step without a miss means the capacity is at least that.
        const atLeast = missed ? '' : '≥ ';
        cells['capacity.stories'] = { text: `${atLeast}${num(held.stories)}`, value: held.stories };
        cells['capacity.rate'] = { text: `${atLeast}${num(held.stories * c.editorsPerStory * c.ratePerEditor)}`, value: held.stories * c.editorsPerStory * c.ratePerEditor };
        cells['capacity.p99'] = ms(r.latency.p99);
        cells['capacity.cpu'] = percent(r.serverCpuPercent);
        cells['capacity.rss'] = mib(r.serverRssPeak);
        cells['capacity.generator'] = { text: `${num(r.generatorCpuPercent, 1)} % (${r.generators}), loop delay p99 ${num(r.generatorLoopDelayMs, 1)} ms`, value: r.generatorCpuPercent };
      } else {
        cells['capacity.stories'] = { text: `< ${num(c.firstStories)}`, value: 0 };
      }
      const generatorLimited = missed?.result.refused !== undefined;
      return { cells, problems: [], notes: generatorLimited ? [`capacity stopped by the load generator, not the server: ${missed!.why}`] : [] };
    });
  },
};
