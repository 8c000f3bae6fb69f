/**
 * The carets of one open story: each Yjs client's last awareness state, kept as the JSON it arrived
 * in, with its clock. The rules are y-protocols' (a newer clock wins; a removal also wins at the same
 * clock; a state not renewed for 30 s is dropped, as clients drop it), without its costs: a state is
 * never decoded again once cleaned, nor compared deeply, and no events are emitted. The server holds
 * no caret of its own.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/** One client's entry in an awareness update; `state` is JSON text, 'null' for a removal. */
export interface CaretEntry {
  clientId: number;
  clock: number;
  state: string;
}

/** What applying entries changed. */
export interface CaretChange {
  /** Whether any entry was taken (a renewal counts, as it does for y-protocols). */
  taken: boolean;
  /** Clients that had no state and now have one. */
  added: number[];
  /** Clients whose state was removed. */
  removed: number[];
}

/** How long a state lives without being renewed (y-protocols' `outdatedTimeout`). */
export const OutdatedMs = 30_000;

const Removed = 'null';

/**
 * Reads an awareness update's entries, states left as JSON text; throws on a malformed one, one with
 * bytes left over, or one of more than `maxEntries` entries. Entries of the clients `skip` names are
 * stepped over without their state being decoded.
 */
export function readCaretEntries(update: Uint8Array, maxEntries = Infinity, skip?: (clientId: number) => boolean): CaretEntry[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  if (count > maxEntries) throw new Error(`too many awareness states (${count})`);
  const entries: CaretEntry[] = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    if (skip?.(clientId)) {
      const length = decoding.readVarUint(decoder);
      if (decoder.pos + length > update.length) throw new Error('an awareness state runs past the end of the update');
      decoder.pos += length;
      continue;
    }
    entries.push({ clientId, clock, state: decoding.readVarString(decoder) });
  }
  if (decoding.hasContent(decoder)) throw new Error('trailing bytes after the awareness states');
  return entries;
}

/** An awareness update of no entries. */
export const NoCaretEntries = new Uint8Array([0]);

/** Writes entries as an awareness update. */
export function writeCaretEntries(entries: Iterable<CaretEntry>): Uint8Array {
  const list = [...entries];
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, list.length);
  for (const e of list) {
    encoding.writeVarUint(encoder, e.clientId);
    encoding.writeVarUint(encoder, e.clock);
    encoding.writeVarString(encoder, e.state);
  }
  return encoding.toUint8Array(encoder);
}

interface Known {
  clock: number;
  state: string;
  renewedAt: number;
}

/** Every client's caret in one story. */
export class Carets {
  private readonly known = new Map<number, Known>();

  /** Takes the entries that are newer than what is known. */
  apply(entries: CaretEntry[], now = Date.now()): CaretChange {
    const change: CaretChange = { taken: false, added: [], removed: [] };
    for (const { clientId, clock, state } of entries) {
      const known = this.known.get(clientId);
      const had = known !== undefined && known.state !== Removed;
      const newer = known === undefined || known.clock < clock || (known.clock === clock && state === Removed && had);
      if (!newer) continue;
      this.known.set(clientId, { clock, state, renewedAt: now });
      change.taken = true;
      if (state === Removed) {
        if (had) change.removed.push(clientId);
      } else if (!had) change.added.push(clientId);
    }
    return change;
  }

  /** The clients that have a state now. */
  get clients(): number[] {
    const ids: number[] = [];
    for (const [id, known] of this.known) if (known.state !== Removed) ids.push(id);
    return ids;
  }

  /** An update with every state there is. */
  encodeAll(): Uint8Array {
    const entries: CaretEntry[] = [];
    for (const [clientId, { clock, state }] of this.known) if (state !== Removed) entries.push({ clientId, clock, state });
    return writeCaretEntries(entries);
  }

  /** Removes the states of these clients (a connection left); the update that says so, or null if none had one. */
  remove(clients: Iterable<number>, now = Date.now()): Uint8Array | null {
    const removals: CaretEntry[] = [];
    for (const clientId of clients) {
      const known = this.known.get(clientId);
      if (!known || known.state === Removed) continue;
      const clock = known.clock + 1;
      this.known.set(clientId, { clock, state: Removed, renewedAt: now });
      removals.push({ clientId, clock, state: Removed });
    }
    return removals.length ? writeCaretEntries(removals) : null;
  }

  /** Removes the states not renewed for `OutdatedMs`; the update that says so, or null. */
  expire(now = Date.now()): Uint8Array | null {
    const outdated: number[] = [];
    for (const [id, known] of this.known) if (known.state !== Removed && now - known.renewedAt >= OutdatedMs) outdated.push(id);
    return outdated.length ? this.remove(outdated, now) : null;
  }
}
