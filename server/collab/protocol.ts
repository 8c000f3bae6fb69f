/**
 * The y-websocket wire protocol, read strictly: a frame must be one whole message of a known kind
 * with nothing left over, or it is refused. Writers for what the server sends.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import * as syncProtocol from 'y-protocols/sync';

export const MessageType = { Sync: 0, Awareness: 1, Auth: 2, QueryAwareness: 3 } as const;

/** A message a client may send. */
export type ClientMessage =
  | { kind: 'sync-step1'; stateVector: Uint8Array }
  | { kind: 'sync-step2'; update: Uint8Array }
  | { kind: 'update'; update: Uint8Array }
  | { kind: 'awareness'; update: Uint8Array }
  | { kind: 'query-awareness' };

/** A frame that is not a well-formed client message. */
export class ProtocolError extends Error {}

/** Reads one client frame, or throws `ProtocolError` saying what is wrong with it. */
export function parseClientFrame(frame: Uint8Array): ClientMessage {
  try {
    const decoder = decoding.createDecoder(frame);
    const message = readMessage(decoder);
    if (decoding.hasContent(decoder)) throw new ProtocolError('trailing bytes after the message');
    return message;
  } catch (err) {
    if (err instanceof ProtocolError) throw err;
    throw new ProtocolError(`unreadable frame: ${(err as Error).message}`);
  }
}

function readMessage(decoder: decoding.Decoder): ClientMessage {
  const type = decoding.readVarUint(decoder);
  switch (type) {
    case MessageType.Sync: {
      const step = decoding.readVarUint(decoder);
      const payload = decoding.readVarUint8Array(decoder);
      if (step === syncProtocol.messageYjsSyncStep1) {
        Y.decodeStateVector(payload); // throws on a malformed vector
        return { kind: 'sync-step1', stateVector: payload };
      }
      if (step === syncProtocol.messageYjsSyncStep2) return { kind: 'sync-step2', update: payload };
      if (step === syncProtocol.messageYjsUpdate) return { kind: 'update', update: payload };
      throw new ProtocolError(`unknown sync step ${step}`);
    }
    case MessageType.Awareness:
      return { kind: 'awareness', update: decoding.readVarUint8Array(decoder) };
    case MessageType.QueryAwareness:
      return { kind: 'query-awareness' };
    default:
      throw new ProtocolError(`unknown message type ${type}`);
  }
}

/** Sync step 1: the server's state vector, asking the client for what the server lacks. */
export function syncStep1Frame(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Sync);
  syncProtocol.writeSyncStep1(encoder, doc);
  return encoding.toUint8Array(encoder);
}

/** Sync step 2: everything the client lacks, given its state vector. */
export function syncStep2Frame(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Sync);
  syncProtocol.writeSyncStep2(encoder, doc, stateVector);
  return encoding.toUint8Array(encoder);
}

/**
 * A frame of one message whose last field is a byte array: the message's type numbers and the array's
 * length, then the array copied once into a frame of the right size. (An encoder would grow its buffer
 * past a large array, then copy it all again: 2 ms for a 300 KiB story.)
 */
function frameWith(type: readonly number[], payload: Uint8Array): Uint8Array {
  const header = encoding.createEncoder();
  for (const n of type) encoding.writeVarUint(header, n);
  encoding.writeVarUint(header, payload.byteLength);
  const head = encoding.toUint8Array(header);
  const frame = new Uint8Array(head.byteLength + payload.byteLength);
  frame.set(head);
  frame.set(payload, head.byteLength);
  return frame;
}

const StoredStep2 = [MessageType.Sync, syncProtocol.messageYjsSyncStep2] as const;
const Update = [MessageType.Sync, syncProtocol.messageYjsUpdate] as const;
const Awareness = [MessageType.Awareness] as const;

/** Sync step 2 carrying an update as it is (what the store holds, sent without decoding it). */
export function storedStep2Frame(update: Uint8Array): Uint8Array {
  return frameWith(StoredStep2, update);
}

/** An incremental document update (one typed word, or a whole stored snapshot). */
export function updateFrame(update: Uint8Array): Uint8Array {
  return frameWith(Update, update);
}

/** An encoded awareness update. */
export function awarenessUpdateFrame(update: Uint8Array): Uint8Array {
  return frameWith(Awareness, update);
}
