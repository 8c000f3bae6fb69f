/** What the harness and its load generator processes say to each other over IPC. */
import type { Endpoint } from '../servers/types';

/** Which editor implementation a load generator runs. */
export type EditorKind = 'provider' | 'light';

/** The stories one load generator process opens, and how. */
export interface DriverPlan {
  endpoint: Endpoint;
  stories: string[];
  editorsPerStory: number;
  editor: EditorKind;
  /** Editors connecting at once, so opening a thousand stories does not stampede. */
  connectConcurrency: number;
}

/** How long and how fast to type. */
export interface TypingPlan {
  ratePerEditor: number;
  warmupMs: number;
  windowMs: number;
  /** After the window, how long to wait at most for the last edits to arrive. */
  drainMs: number;
}

/** What one load generator measured. */
export interface DriverResult {
  samples: number[];
  expected: number;
  editsRecorded: number;
  /** Its own CPU over the window (process.cpuUsage), in percent of one core. */
  cpuPercent: number;
  /** p99 of its event loop's delay over the window (ms): how late its own timers and handlers ran. */
  loopDelayP99Ms: number;
}

export type ToDriver = { kind: 'open'; plan: DriverPlan } | { kind: 'type'; plan: TypingPlan } | { kind: 'close' };

export type FromDriver =
  | { kind: 'opened'; editors: number }
  | { kind: 'typed'; result: DriverResult }
  | { kind: 'closed' }
  | { kind: 'failed'; error: string };
