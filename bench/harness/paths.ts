/** Where things are: the repository, the benchmark package, the editing trace and the built client. */
import path from 'node:path';

/** The Galley repository root (the parent of bench/). */
export const repoRoot = path.resolve(import.meta.dirname, '../..');

/** The benchmark package, with its own node_modules holding the peer servers and clients. */
export const benchRoot = path.resolve(import.meta.dirname, '..');

/** Martin Kleppmann's automerge-paper trace (josephg/editing-traces, CC BY 4.0), in the shared folder beside the repository. */
export const tracePath = path.resolve(repoRoot, '../shared/traces/automerge-paper.json.gz');

/** The web client as Vite builds it. */
export const clientDist = path.join(repoRoot, 'client/dist');
