/**
 * One person's deletions in a story, folded into one blob. Stored a row per run, a long story's
 * deletions outgrow the story (each row repeats the story, the person and a time, and is indexed);
 * a story's whole delete set is only a few bytes per range when written the way Yjs writes its own:
 * per client, ranges sorted by clock, each as the gap since the end of the last one and its length,
 * in variable-length integers.
 *
 * Layout: varuint clients; per client (ascending): varuint client, varuint ranges; per range
 * (ascending, neither overlapping nor touching): varuint (clock − end of the previous range, 0 for
 * the first), varuint len.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/** `len` ids from `clock` of one client. */
export interface ClockRange {
  clock: number;
  len: number;
}

/** Per client, ranges sorted by clock, neither overlapping nor touching. */
export type DeletionSet = Map<number, ClockRange[]>;

/** Sorts ranges by clock and joins those that overlap or touch; returns a new list. */
export function mergeRanges(ranges: ClockRange[]): ClockRange[] {
  const sorted = [...ranges].sort((a, b) => a.clock - b.clock);
  const merged: ClockRange[] = [];
  for (const { clock, len } of sorted) {
    if (len <= 0) continue;
    const last = merged[merged.length - 1];
    if (last && clock <= last.clock + last.len) last.len = Math.max(last.len, clock + len - last.clock);
    else merged.push({ clock, len });
  }
  return merged;
}

/** Adds ranges of any clients to a set (in place), keeping each client's ranges merged and sorted. */
export function addToDeletionSet(set: DeletionSet, ranges: Iterable<{ client: number; clock: number; len: number }>): DeletionSet {
  const added = new Map<number, ClockRange[]>();
  for (const { client, clock, len } of ranges) {
    let list = added.get(client);
    if (!list) added.set(client, (list = []));
    list.push({ clock, len });
  }
  for (const [client, list] of added) set.set(client, mergeRanges([...(set.get(client) ?? []), ...list]));
  return set;
}

/** The blob of a set. */
export function encodeDeletionSet(set: DeletionSet): Uint8Array {
  const encoder = encoding.createEncoder();
  const clients = [...set.keys()].filter((client) => set.get(client)!.length > 0).sort((a, b) => a - b);
  encoding.writeVarUint(encoder, clients.length);
  for (const client of clients) {
    const ranges = set.get(client)!;
    encoding.writeVarUint(encoder, client);
    encoding.writeVarUint(encoder, ranges.length);
    let end = 0;
    for (const { clock, len } of ranges) {
      if (clock < end) throw new Error(`deleted ranges of client ${client} are not sorted and merged`);
      encoding.writeVarUint(encoder, clock - end);
      encoding.writeVarUint(encoder, len);
      end = clock + len;
    }
  }
  return encoding.toUint8Array(encoder);
}

/** The set a blob holds; throws on a blob that is cut short. */
export function decodeDeletionSet(blob: Uint8Array): DeletionSet {
  const decoder = decoding.createDecoder(blob);
  const set: DeletionSet = new Map();
  for (let clients = decoding.readVarUint(decoder); clients > 0; clients--) {
    const client = decoding.readVarUint(decoder);
    const ranges: ClockRange[] = [];
    let end = 0;
    for (let n = decoding.readVarUint(decoder); n > 0; n--) {
      const clock = end + decoding.readVarUint(decoder);
      const len = decoding.readVarUint(decoder);
      ranges.push({ clock, len });
      end = clock + len;
    }
    set.set(client, ranges);
  }
  return set;
}

/** A stored blob (or none yet) with more ranges folded in: the blob to store in its place. */
export function foldIntoBlob(blob: Uint8Array | null, ranges: Iterable<{ client: number; clock: number; len: number }>): Uint8Array {
  return encodeDeletionSet(addToDeletionSet(blob ? decodeDeletionSet(blob) : new Map(), ranges));
}
