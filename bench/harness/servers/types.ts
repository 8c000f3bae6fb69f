/** What every server under test offers the workloads. */
import type { ServerProcess } from './ServerProcess';

/** The collab protocols the clients speak: y-websocket's, or Hocuspocus's (messages prefixed with the document name). */
export type Dialect = 'y-websocket' | 'hocuspocus';

/** How a client reaches a server's documents; plain data, so it can be handed to load generator processes. */
export interface Endpoint {
  dialect: Dialect;
  /** The WebSocket URL a provider is given; the story's name is added by the provider. */
  url: string;
  /** A session cookie to send with the upgrade (Galley). */
  cookie?: string;
  /** Whether the server writes a new story's layout itself (Galley); otherwise its first client does. */
  seedsStories: boolean;
}

/** The servers compared. */
export const ServerIds = ['galley', 'galley-postgres', 'galley-2x', 'y-websocket-memory', 'y-websocket-leveldb', 'hocuspocus-sqlite'] as const;
export type ServerId = (typeof ServerIds)[number];

/**
 * The servers a run measures when `--servers` does not say: Galley as most newsrooms run it, and the
 * peers. The scaled-out deployments need PostgreSQL and Redis on this machine, so they are asked for by name.
 */
export const DefaultServerIds: readonly ServerId[] = ['galley', 'y-websocket-memory', 'y-websocket-leveldb', 'hocuspocus-sqlite'];

/** A server started for a workload. */
export interface RunningServer {
  id: ServerId;
  /**
   * Its processes: one, or one per instance behind a balancer. CPU and RSS are read from each and
   * summed; a balancer inside the harness process is not among them.
   */
  processes: readonly ServerProcess[];
  endpoint: Endpoint;
  dataDir: string;
  /** Galley's web address and the writer's sign-in, for the browser workload. */
  web?: { url: string; login: { email: string; password: string } };
  /** Makes `count` new stories and returns their names (Galley: article ids). */
  createStories(count: number): Promise<string[]>;
  /** What each process did since it started, one line each in the order of `processes` (several instances only). */
  instanceActivity?(): Promise<string[]>;
  /** Stops the process gracefully. */
  stop(): Promise<void>;
  /** Starts the same server again on the same data directory (or database). */
  restart(): Promise<RunningServer>;
}

/** The process ids of a running server, for /proc. */
export function serverPids(server: RunningServer): number[] {
  return server.processes.map((p) => p.pid);
}

/** One kind of server: how to start it. */
export interface ServerKind {
  id: ServerId;
  /** The column heading. */
  label: string;
  /** Galley itself, in any deployment: its failures fail the run, a peer's are only noted. */
  galley: boolean;
  /** Whether it keeps documents across a restart. */
  durable: boolean;
  /** Where its documents live when not in its data directory (a database server): bytes on disk are not read then. */
  storedElsewhere?: string;
  /** Starts it on an empty (or, for a restart, existing) data directory. */
  start(dataDir: string, options?: StartOptions): Promise<RunningServer>;
}

/** Extra knobs for starting a server. */
export interface StartOptions {
  /** Write a V8 CPU profile into this directory when the process exits (Galley). */
  cpuProfileDir?: string;
  /**
   * Hands the harness work to do once the workload is over, such as dropping a throwaway database.
   * Until then a stopped server may be restarted on the same data.
   */
  afterWorkload?(cleanup: () => Promise<void>): void;
}
