/** The servers the benchmark compares, in column order. */
import { galley, galleyPostgres, galleyTwoInstances } from './galley';
import { hocuspocusSqlite } from './hocuspocus';
import type { ServerId, ServerKind } from './types';
import { yWebsocketLeveldb, yWebsocketMemory } from './yWebsocketServer';

/** Every server, Galley's deployments first. */
export const serverKinds: readonly ServerKind[] = [galley, galleyPostgres, galleyTwoInstances, yWebsocketMemory, yWebsocketLeveldb, hocuspocusSqlite];

/** The server with this id. */
export function serverKind(id: ServerId): ServerKind {
  const kind = serverKinds.find((k) => k.id === id);
  if (!kind) throw new Error(`unknown server ${id}`);
  return kind;
}
