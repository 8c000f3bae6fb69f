/**
 * Martin Kleppmann's automerge-paper trace (josephg/editing-traces, CC BY 4.0): 259,778 keystrokes
 * of a real editing session, as `{ endContent, txns: [{ patches: [[pos, del, ins]] }] }`.
 */
import fs from 'node:fs';
import zlib from 'node:zlib';
import { tracePath } from './paths';

/** One edit: at `pos`, delete `del` characters, then insert `ins`. */
export type Patch = [pos: number, del: number, ins: string];

/** The trace, or its first edits. */
export interface EditingTrace {
  patches: Patch[];
  /** The text after every patch of the whole trace. */
  endContent: string;
  /** Whether `patches` is the whole trace. */
  whole: boolean;
}

interface TraceFile {
  endContent: string;
  txns: { patches: Patch[] }[];
}

let cached: TraceFile | undefined;

/** Loads the trace (once per process); `edits` keeps only the first so many. */
export function loadTrace(edits?: number): EditingTrace {
  if (!fs.existsSync(tracePath)) throw new Error(`the editing trace is missing: ${tracePath}`);
  cached ??= JSON.parse(zlib.gunzipSync(fs.readFileSync(tracePath)).toString('utf8')) as TraceFile;
  const all = cached.txns.flatMap((t) => t.patches);
  const patches = edits === undefined ? all : all.slice(0, edits);
  return { patches, endContent: cached.endContent, whole: patches.length === all.length };
}
