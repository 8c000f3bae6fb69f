import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { awarenessUpdateFrame, MessageType, storedStep2Frame, updateFrame } from './protocol';

/** What y-websocket's provider does with a sync frame: the update a step 2 carries, applied to `doc`. */
function readAsProvider(frame: Uint8Array, doc: Y.Doc): number {
  const decoder = decoding.createDecoder(frame);
  expect(decoding.readVarUint(decoder)).toBe(MessageType.Sync);
  const step = syncProtocol.readSyncMessage(decoder, encoding.createEncoder(), doc, 'server');
  expect(decoding.hasContent(decoder)).toBe(false);
  return step;
}

describe('storedStep2Frame', () => {
  it('carries a stored update to a provider byte for byte, whatever the size of its length prefix', () => {
    // Updates of about 100 B, 200 B and 20 KiB: a length prefix of one, two and three bytes.
    for (const chars of [60, 160, 20_000]) {
      const source = new Y.Doc();
      source.getText('body').insert(0, 'x'.repeat(chars));
      const update = Y.encodeStateAsUpdate(source);
      const frame = storedStep2Frame(update);

      const reader = new Y.Doc();
      expect(readAsProvider(frame, reader)).toBe(syncProtocol.messageYjsSyncStep2);
      expect(reader.getText('body').toString()).toBe(source.getText('body').toString());

      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MessageType.Sync);
      syncProtocol.writeSyncStep2(encoder, source);
      expect(frame).toEqual(encoding.toUint8Array(encoder));
    }
  });

  it('carries an empty update', () => {
    const reader = new Y.Doc();
    expect(readAsProvider(storedStep2Frame(Y.encodeStateAsUpdate(new Y.Doc())), reader)).toBe(syncProtocol.messageYjsSyncStep2);
    expect(reader.store.clients.size).toBe(0);
  });
});

describe('updateFrame and awarenessUpdateFrame', () => {
  it('write what the stock protocols write, for a typed word and for a whole story', () => {
    for (const chars of [5, 20_000]) {
      const source = new Y.Doc();
      source.getText('body').insert(0, 'x'.repeat(chars));
      const update = Y.encodeStateAsUpdate(source);
      const stock = encoding.createEncoder();
      encoding.writeVarUint(stock, MessageType.Sync);
      syncProtocol.writeUpdate(stock, update);
      expect(updateFrame(update)).toEqual(encoding.toUint8Array(stock));
    }
    const awareness = new awarenessProtocol.Awareness(new Y.Doc());
    awareness.setLocalStateField('user', { name: 'Rosa Okafor' });
    const carets = awarenessProtocol.encodeAwarenessUpdate(awareness, [awareness.clientID]);
    const stock = encoding.createEncoder();
    encoding.writeVarUint(stock, MessageType.Awareness);
    encoding.writeVarUint8Array(stock, carets);
    expect(awarenessUpdateFrame(carets)).toEqual(encoding.toUint8Array(stock));
    awareness.destroy();
  });
});
