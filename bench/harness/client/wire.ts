/**
 * Frames of the two collab protocols, for the lightweight clients and for the raw sends of the
 * cold workload. y-websocket: `[type][payload]`. Hocuspocus: the same, prefixed by the document
 * name, and a connection must authenticate each document before anything else is handled.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import type { Dialect } from '../servers/types';

/** Message types of both protocols (Hocuspocus extends y-websocket's). */
export const MessageType = { Sync: 0, Awareness: 1, Auth: 2, QueryAwareness: 3, SyncReply: 4, SyncStatus: 8 } as const;

/** A frame for `room`, with `write` adding the message after the dialect's prefix. */
export function frame(dialect: Dialect, room: string, write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  if (dialect === 'hocuspocus') encoding.writeVarString(encoder, room);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

/** A Yjs update message. */
export function updateFrame(dialect: Dialect, room: string, update: Uint8Array): Uint8Array {
  return frame(dialect, room, (e) => {
    encoding.writeVarUint(e, MessageType.Sync);
    syncProtocol.writeUpdate(e, update);
  });
}

/** Sync step 1: "here is my state vector, send me what I lack". */
export function syncStep1Frame(dialect: Dialect, room: string, stateVector: Uint8Array): Uint8Array {
  return frame(dialect, room, (e) => {
    encoding.writeVarUint(e, MessageType.Sync);
    encoding.writeVarUint(e, syncProtocol.messageYjsSyncStep1);
    encoding.writeVarUint8Array(e, stateVector);
  });
}

/** An awareness update message. */
export function awarenessFrame(dialect: Dialect, room: string, awarenessUpdate: Uint8Array): Uint8Array {
  return frame(dialect, room, (e) => {
    encoding.writeVarUint(e, MessageType.Awareness);
    encoding.writeVarUint8Array(e, awarenessUpdate);
  });
}

/** Hocuspocus's authentication message (an empty token: the peer runs without an auth hook). */
export function authFrame(room: string): Uint8Array {
  return frame('hocuspocus', room, (e) => {
    encoding.writeVarUint(e, MessageType.Auth);
    encoding.writeVarUint(e, 0); // AuthMessageType.Token
    encoding.writeVarString(e, '');
  });
}

/** A received frame with its prefix read: the message type and a decoder at its payload. */
export interface ReceivedMessage {
  type: number;
  decoder: decoding.Decoder;
}

/** Reads a received frame's header. */
export function readFrame(dialect: Dialect, data: Uint8Array): ReceivedMessage {
  const decoder = decoding.createDecoder(data);
  if (dialect === 'hocuspocus') decoding.readVarString(decoder);
  return { type: decoding.readVarUint(decoder), decoder };
}

/** Whether a received frame is a sync step 2 (the answer to a sync step 1). */
export function isSyncStep2(dialect: Dialect, data: Uint8Array): boolean {
  const { type, decoder } = readFrame(dialect, data);
  return (type === MessageType.Sync || type === MessageType.SyncReply) && decoding.readVarUint(decoder) === syncProtocol.messageYjsSyncStep2;
}
