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
export const ServerIds = ['galley', 'y-websocket-memory', 'y-websocket-leveldb', 'hocuspocus-sqlite'] as const;
export type ServerId = (typeof ServerIds)[number];

/** A server started for a workload. */
export interface RunningServer {
  id: ServerId;
  process: ServerProcess;
  endpoint: Endpoint;
  dataDir: string;
  /** Galley's web address and the writer's sign-in, for the browser workload. */
  web?: { url: string; login: { email: string; password: string } };
  /** Makes `count` new stories and returns their names (Galley: article ids). */
  createStories(count: number): Promise<string[]>;
  /** Stops the process gracefully. */
  stop(): Promise<void>;
  /** Starts the same server again on the same data directory. */
  restart(): Promise<RunningServer>;
}

/** One kind of server: how to start it. */
export interface ServerKind {
  id: ServerId;
  /** The column heading. */
  label: string;
  /** Whether it keeps documents across a restart. */
  durable: boolean;
  /** Starts it on an empty (or, for a restart, existing) data directory. */
  start(dataDir: string, options?: StartOptions): Promise<RunningServer>;
}

/** Extra knobs for starting a server. */
export interface StartOptions {
  /** Write a V8 CPU profile into this directory when the process exits (Galley). */
  cpuProfileDir?: string;
}
