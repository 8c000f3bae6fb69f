/** What a workload is to the harness: its rows, and how to measure one server. */
import type { Scale, WorkloadId } from '../options';
import type { Cell, RowSpec } from '../report/Results';
import type { RunningServer, ServerId, ServerKind, StartOptions } from '../servers/types';

/** What every workload gets from the harness. */
export interface RunContext {
  scale: Scale;
  smoke: boolean;
  /** Options for starting Galley (a CPU profile). */
  startOptions: StartOptions;
  /** Below this CPU (% of a core) a server counts as idle; higher while V8's profiler samples it. */
  idlePercent: number;
  /** A fresh, empty directory, removed when the harness ends. */
  tempDir(purpose: string): string;
  /** Reports progress of a long job on stderr. */
  progress(message: string): void;
}

/** One server's figures for a workload, and anything that makes them doubtful. */
export interface Outcome {
  cells: Record<string, Cell>;
  /** Correctness problems: lost edits, an incomplete reopen. */
  problems: string[];
  /** Remarks that qualify a figure without making it wrong. */
  notes?: string[];
}

/** A workload. */
export interface Workload {
  id: WorkloadId;
  /** The section heading, with the parameters used. */
  title(scale: Scale): string;
  rows: RowSpec[];
  /** The servers it applies to; all when absent. */
  only?: ServerId[];
  run(kind: ServerKind, ctx: RunContext): Promise<Outcome>;
}

/** Starts a server for the length of `use`, and stops it however `use` ends. */
export async function withServer<T>(kind: ServerKind, ctx: RunContext, use: (server: RunningServer) => Promise<T>): Promise<T> {
  const server = await kind.start(ctx.tempDir(kind.id), ctx.startOptions);
  try {
    return await use(server);
  } finally {
    await server.stop();
  }
}
