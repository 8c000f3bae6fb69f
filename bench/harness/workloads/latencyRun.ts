/**
 * One timed run of editors typing: load generator processes type into the stories while the
 * server's CPU and RSS are read from /proc over the same window. Shared by the newsroom, the hot
 * story and each capacity step.
 */
import { DriverPool } from '../driver/DriverPool';
import type { EditorKind } from '../driver/messages';
import { CpuWindow, RssSampler } from '../proc';
import { serverPids, type RunningServer } from '../servers/types';
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
  /** The server's processes together (several instances: their sum). */
  serverCpuPercent: number;
  serverRssPeak: number;
  /** Each process on its own, in the order of the server's `processes`. */
  perProcess: { cpuPercent: number; rssPeak: number }[];
  /** Deliveries (an edit arriving at one other editor) per second of the window. */
  deliveredPerSecond: number;
  /** Edits typed per second of the window. */
  editsPerSecond: number;
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
    const pids = serverPids(server);
    const cpu = new CpuWindow(pids);
    const rss = new RssSampler(pids);
    await sleep(load.windowMs);
    const cpuEach = cpu.each();
    const serverCpuPercent = cpuEach.reduce((a, b) => a + b, 0);
    const serverRssPeak = rss.stop();
    const results = await typed;
    const samples = results.flatMap((r) => r.samples);
    const generatorCpuPercent = Math.max(...results.map((r) => r.cpuPercent));
    const edits = results.reduce((n, r) => n + r.editsRecorded, 0);
    // Edits are recorded during the window only; their arrivals are counted until the drain ends.
    const windowSeconds = load.windowMs / 1000;
    const result: LatencyRunResult = {
      latency: summarise(samples),
      edits,
      expected: results.reduce((n, r) => n + r.expected, 0),
      delivered: samples.length,
      serverCpuPercent,
      serverRssPeak,
      perProcess: cpuEach.map((cpuPercent, i) => ({ cpuPercent, rssPeak: rss.peaks[i] })),
      deliveredPerSecond: samples.length / windowSeconds,
      editsPerSecond: edits / windowSeconds,
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
