/** The command line and the two scales: the full benchmark, and the smoke run that checks the harness in CI. */
import { parseArgs } from 'node:util';
import { DefaultServerIds, ServerIds, type ServerId } from './servers/types';

export const WorkloadIds = ['newsroom', 'hot', 'capacity', 'cold', 'memory', 'browser'] as const;
export type WorkloadId = (typeof WorkloadIds)[number];

/** Editors typing into stories for a while. */
export interface TypingScale {
  stories: number;
  editorsPerStory: number;
  ratePerEditor: number;
  warmupMs: number;
  windowMs: number;
  drainMs: number;
  drivers: number;
}

/** Every workload's parameters. */
export interface Scale {
  newsroom: TypingScale;
  hot: TypingScale;
  capacity: Omit<TypingScale, 'stories' | 'drivers'> & {
    firstStories: number;
    maxStories: number;
    /** Halvings of the gap between the last step that held and the first that missed. */
    refineSteps: number;
    p99LimitMs: number;
    /** Edits per second one load generator process is given at most. */
    editsPerDriver: number;
  };
  /**
   * Edits of the trace to replay (undefined for all of them), and how many times the server is
   * restarted and the story opened afresh (the median is reported).
   */
  cold: { edits?: number; reopens: number };
  memory: { stories: number; drivers: number; settleMs: number };
  browser: { runs: number };
}

/** The full benchmark, as the issue sets it. */
export const fullScale: Scale = {
  newsroom: { stories: 50, editorsPerStory: 4, ratePerEditor: 1, warmupMs: 3000, windowMs: 30_000, drainMs: 5000, drivers: 1 },
  hot: { stories: 1, editorsPerStory: 30, ratePerEditor: 1, warmupMs: 3000, windowMs: 30_000, drainMs: 5000, drivers: 1 },
  capacity: {
    firstStories: 50,
    maxStories: 3200,
    refineSteps: 2,
    editorsPerStory: 4,
    ratePerEditor: 1,
    warmupMs: 2000,
    windowMs: 8000,
    drainMs: 3000,
    p99LimitMs: 50,
    // A lightweight editor costs its generator about 0.3 ms of CPU per edit: 1,500 edits/s is under half a core.
    editsPerDriver: 1500,
  },
  cold: { reopens: 5 },
  memory: { stories: 1000, drivers: 2, settleMs: 8000 },
  browser: { runs: 5 },
};

/** Tiny parameters: every workload runs, quickly; it checks the harness, not the speed. */
export const smokeScale: Scale = {
  newsroom: { stories: 3, editorsPerStory: 3, ratePerEditor: 4, warmupMs: 300, windowMs: 1000, drainMs: 2000, drivers: 1 },
  hot: { stories: 1, editorsPerStory: 5, ratePerEditor: 4, warmupMs: 300, windowMs: 1000, drainMs: 2000, drivers: 1 },
  capacity: {
    firstStories: 2,
    maxStories: 4,
    refineSteps: 0,
    editorsPerStory: 4,
    ratePerEditor: 2,
    warmupMs: 200,
    windowMs: 800,
    drainMs: 2000,
    p99LimitMs: 50,
    editsPerDriver: 2500,
  },
  cold: { edits: 2000, reopens: 1 },
  memory: { stories: 10, drivers: 1, settleMs: 300 },
  browser: { runs: 1 },
};

/** What the command line asked for. */
export interface Options {
  smoke: boolean;
  scale: Scale;
  workloads: WorkloadId[];
  servers: ServerId[];
  /** Write Galley's V8 CPU profiles here (node --cpu-prof), one per instance and start. */
  profileDir?: string;
  /** Keep the servers' data directories for a look afterwards. */
  keep: boolean;
}

const usage = `Usage: npm run bench [-- --smoke] [--only ${WorkloadIds.join(',')}] [--servers ${ServerIds.join(',')}] [--profile DIR] [--keep]
Servers by default: ${DefaultServerIds.join(',')}.`;

function pickList<T extends string>(value: string | undefined, allowed: readonly T[], what: string, byDefault: readonly T[] = allowed): T[] {
  if (!value) return [...byDefault];
  const picked = value.split(',').map((s) => s.trim()).filter(Boolean);
  for (const p of picked) if (!allowed.includes(p as T)) throw new Error(`unknown ${what} "${p}"\n${usage}`);
  return allowed.filter((a) => picked.includes(a));
}

/** Reads the command line. */
export function readOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      smoke: { type: 'boolean', default: false },
      only: { type: 'string' },
      servers: { type: 'string' },
      profile: { type: 'string' },
      keep: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    process.exit(0);
  }
  return {
    smoke: values.smoke,
    scale: values.smoke ? smokeScale : fullScale,
    workloads: pickList(values.only, WorkloadIds, 'workload'),
    servers: pickList(values.servers, ServerIds, 'server', DefaultServerIds),
    profileDir: values.profile,
    keep: values.keep,
  };
}
