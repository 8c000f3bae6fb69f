/**
 * Awareness from clients is checked and cleaned before the room applies it: a connection may set
 * only the states of its own Yjs clients, only the fields the editor uses (its name and carets), and
 * never another person's identity: the server writes `user` from the session itself.
 */
import { NoCaretEntries, readCaretEntries, writeCaretEntries, type CaretEntry } from './Carets';

/** Fields an editor may publish about itself, besides `user`, which the server sets. */
const CaretFields = new Set(['cursor', 'cursor:headline', 'cursor:standfirst', 'cursor:body']);
/**
 * The stock provider relays every state it knows, so one update can list everyone in a busy story
 * (states of other connections' clients are then dropped below). Bounded all the same.
 */
const MaxEntries = 1024;
const MaxCaretBytes = 1024;

/** Who is speaking, and which Yjs client ids are already taken by whom. */
export interface AwarenessSpeaker {
  /** The identity the server shows for this connection. */
  identity: { name: string; color: string };
  /** Client ids this connection has announced. */
  owned: Set<number>;
  /** Whether another connection in the room owns a client id. */
  ownedByOther: (clientId: number) => boolean;
}

/** Why an awareness update was refused. */
export class AwarenessError extends Error {}

/**
 * The update with foreign entries dropped and each state cleaned, and its entries (states as JSON
 * text); throws `AwarenessError` if unreadable.
 */
export function cleanAwarenessUpdate(update: Uint8Array, speaker: AwarenessSpeaker): { update: Uint8Array; entries: CaretEntry[] } {
  const entries: CaretEntry[] = [];
  // Written only for an update that carries one of the speaker's own states.
  let user: string | undefined;
  try {
    // Another person's client: never let this connection speak for it. (The stock provider sends back
    // every state it hears, so in a busy story most entries are these: stepped over unread.)
    for (const { clientId, clock, state } of readCaretEntries(update, MaxEntries, speaker.ownedByOther)) {
      const parsed: unknown = JSON.parse(state);
      if (parsed !== null && (typeof parsed !== 'object' || Array.isArray(parsed))) throw new AwarenessError('an awareness state must be an object or null');
      entries.push({ clientId, clock, state: parsed === null ? 'null' : cleanState(parsed as Record<string, unknown>, (user ??= JSON.stringify(speaker.identity))) });
    }
  } catch (err) {
    if (err instanceof AwarenessError) throw err;
    throw new AwarenessError(`unreadable awareness update (${(err as Error).message})`);
  }
  return { update: entries.length ? writeCaretEntries(entries) : NoCaretEntries, entries };
}

/**
 * The state as JSON text: `user` as the server shows it, then the caret fields it had. Written piece
 * by piece, which gives what JSON.stringify of the cleaned object would, each field stringified once.
 */
function cleanState(state: Record<string, unknown>, user: string): string {
  let json = `{"user":${user}`;
  for (const [key, value] of Object.entries(state)) {
    if (!CaretFields.has(key)) continue;
    if (value === null) json += `,"${key}":null`;
    else if (typeof value === 'object' && !Array.isArray(value)) {
      const text = JSON.stringify(value);
      if (text.length <= MaxCaretBytes) json += `,"${key}":${text}`;
    }
  }
  return `${json}}`;
}
