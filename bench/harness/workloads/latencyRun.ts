/**
 * One timed run of editors typing: load generator processes type into the stories while the
 * server's CPU and RSS are read from /proc over the same window. Shared by the newsroom, the hot
 * story and each capacity step.
 */
import { DriverPool } from '../driver/DriverPool';
import type { EditorKind } from '../driver/messages';
import { CpuWindow, RssSampler } from '../proc';
import type { RunningServer } from '../servers/types';
import { summarise, type LatencySummary } from '../stats';

/** The load of one run. */
export interface LatencyLoad {
  stories: string[];
  editorsPerStory: number;
  ratePerEditor: number;
  editor: EditorKind;
  /** Load generator processes to share the stories among. */
  drivers: number;
  warmupMs: number;
  windowMs: number;
  drainMs: number;
}

/** A load generator busier than this (percent of one core) is the bottleneck: its run is refused. */
export const GeneratorLimitPercent = 70;

/** What one run measured. */
export interface LatencyRunResult {
  latency: LatencySummary;
  edits: number;
  expected: number;
  delivered: number;
  serverCpuPercent: number;
  serverRssPeak: number;
  /** The busiest load generator process, percent of one core. */
  generatorCpuPercent: number;
  /** The worst p99 event-loop delay of the load generator processes (ms). */
  generatorLoopDelayMs: number;
  generators: number;
  /** Set when the load generator was saturated: the latency figures are not to be reported. */
  refused?: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Opens the editors, types for the warm-up and the window, and closes them again. */
export async function runLatency(server: RunningServer, load: LatencyLoad): Promise<LatencyRunResult> {
  const pool = await DriverPool.open(load.drivers, {
    endpoint: server.endpoint,
    stories: load.stories,
    editorsPerStory: load.editorsPerStory,
    editor: load.editor,
    connectConcurrency: 64,
  });
  try {
    const typed = pool.type({ ratePerEditor: load.ratePerEditor, warmupMs: load.warmupMs, windowMs: load.windowMs, drainMs: load.drainMs });
    await sleep(load.warmupMs);
    const cpu = new CpuWindow(server.process.pid);
    const rss = new RssSampler(server.process.pid);
    await sleep(load.windowMs);
    const serverCpuPercent = cpu.percent();
    const serverRssPeak = rss.stop();
    const results = await typed;
    const samples = results.flatMap((r) => r.samples);
    const generatorCpuPercent = Math.max(...results.map((r) => r.cpuPercent));
    const result: LatencyRunResult = {
      latency: summarise(samples),
      edits: results.reduce((n, r) => n + r.editsRecorded, 0),
      expected: results.reduce((n, r) => n + r.expected, 0),
      delivered: samples.length,
      serverCpuPercent,
      serverRssPeak,
      generatorCpuPercent,
      generatorLoopDelayMs: Math.max(...results.map((r) => r.loopDelayP99Ms)),
      generators: pool.size,
    };
    if (generatorCpuPercent > GeneratorLimitPercent) {
      result.refused = `load generator saturated (${generatorCpuPercent.toFixed(0)}% of a core)`;
    }
    return result;
  } finally {
    await pool.close();
  }
}
