import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import { ObservableV2 } from 'lib0/observable';
import type { WebsocketProvider } from 'y-websocket';
import { SaveStatusTracker } from './saveStatus';

type Handler = (encoder: encoding.Encoder, decoder: decoding.Decoder, provider: FakeProvider, emitSynced: boolean, messageType: number) => void;

/** Just enough of WebsocketProvider: its handler table, its socket and its events. */
class FakeProvider extends ObservableV2<{ status: (e: { status: string }) => void; 'connection-close': (e: unknown) => void }> {
  wsconnected = false;
  sent: Uint8Array[] = [];
  ws = { readyState: 1, send: (frame: Uint8Array) => this.sent.push(frame) };
  messageHandlers: Handler[] = [];

  constructor(readonly doc: Y.Doc) {
    super();
    this.messageHandlers[0] = (encoder, decoder, provider) => {
      encoding.writeVarUint(encoder, 0);
      syncProtocol.readSyncMessage(decoder, encoder, this.doc, provider);
    };
  }

  connect(): void {
    this.wsconnected = true;
    this.sent = [];
    this.emit('status', [{ status: 'connected' }]);
  }

  drop(): void {
    this.wsconnected = false;
    this.emit('connection-close', [null]);
    this.emit('status', [{ status: 'disconnected' }]);
  }

  /** A frame from the server, handled as the real provider would. */
  receive(frame: Uint8Array): void {
    const decoder = decoding.createDecoder(frame);
    const type = decoding.readVarUint(decoder);
    this.messageHandlers[type](encoding.createEncoder(), decoder, this, true, type);
  }

  /** Step 1 frames this client sent (its checkpoints). */
  checkpoints(): number {
    return this.sent.filter((f) => f[0] === 0 && f[1] === syncProtocol.messageYjsSyncStep1).length;
  }
}

const server = new Y.Doc();

function step1(): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  syncProtocol.writeSyncStep1(encoder, server);
  return encoding.toUint8Array(encoder);
}

function step2(): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  syncProtocol.writeSyncStep2(encoder, server);
  return encoding.toUint8Array(encoder);
}

function type(doc: Y.Doc, text: string): void {
  const fragment = doc.getXmlFragment('body');
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(text)]);
  fragment.push([paragraph]);
}

describe('SaveStatusTracker', () => {
  let doc: Y.Doc;
  let provider: FakeProvider;
  let tracker: SaveStatusTracker;

  beforeEach(() => {
    vi.useFakeTimers();
    doc = new Y.Doc();
    provider = new FakeProvider(doc);
    tracker = new SaveStatusTracker(doc, provider as unknown as WebsocketProvider, 300);
  });

  afterEach(() => {
    tracker.destroy();
    vi.useRealTimers();
  });

  /** Connect and finish the opening handshake: the server's step 1, then its answer to ours. */
  function connectAndSync(): void {
    provider.connect();
    provider.receive(step1());
    provider.receive(step2());
    vi.advanceTimersByTime(0);
  }

  it('says connecting, then saved once the first sync is done', () => {
    expect(tracker.status).toBe('connecting');
    provider.connect();
    expect(tracker.status).toBe('connecting');
    provider.receive(step1());
    provider.receive(step2());
    expect(tracker.status).toBe('saved');
  });

  it('says saved only after the server answers a checkpoint sent after the edit', () => {
    connectAndSync();
    type(doc, 'Storm closes ferry routes');
    expect(tracker.status).toBe('saving');
    vi.advanceTimersByTime(299);
    expect(provider.checkpoints()).toBe(0);
    vi.advanceTimersByTime(1);
    expect(provider.checkpoints()).toBe(1);
    expect(tracker.status).toBe('saving');
    provider.receive(step2());
    expect(tracker.status).toBe('saved');
  });

  it('does not count an answer as covering edits made after its checkpoint', () => {
    connectAndSync();
    type(doc, 'first');
    vi.advanceTimersByTime(300);
    type(doc, 'second');
    provider.receive(step2());
    expect(tracker.status).toBe('saving');
    vi.advanceTimersByTime(300);
    expect(provider.checkpoints()).toBe(2);
    provider.receive(step2());
    expect(tracker.status).toBe('saved');
  });

  it('ignores updates that came from the server', () => {
    connectAndSync();
    const remote = new Y.Doc();
    type(remote, 'from a colleague');
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote), provider);
    expect(tracker.status).toBe('saved');
    expect(tracker.hasUnsavedChanges).toBe(false);
  });

  it('keeps offline edits unsaved until a checkpoint after the server step 1 is answered', () => {
    connectAndSync();
    provider.drop();
    expect(tracker.status).toBe('offline');
    type(doc, 'written on the train');
    expect(tracker.status).toBe('offline-unsaved');

    provider.connect();
    expect(tracker.status).toBe('saving');
    vi.advanceTimersByTime(1000);
    // The offline edit travels in the reply to the server's step 1: nothing may be asked before it.
    expect(provider.checkpoints()).toBe(0);
    // The answer to the provider's own opening step 1 covers none of the offline edits.
    provider.receive(step2());
    expect(tracker.status).toBe('saving');
    provider.receive(step1());
    vi.advanceTimersByTime(0);
    expect(provider.checkpoints()).toBe(1);
    provider.receive(step2());
    expect(tracker.status).toBe('saved');
  });

  it('treats a socket that never opened as offline', () => {
    provider.emit('connection-close', [null]);
    expect(tracker.status).toBe('offline');
  });

  it('says error once the connection was refused for good', () => {
    connectAndSync();
    tracker.fail();
    expect(tracker.status).toBe('error');
  });

  it('puts the provider back as it was when destroyed', () => {
    const before = provider.messageHandlers[0];
    const other = new SaveStatusTracker(doc, provider as unknown as WebsocketProvider);
    expect(provider.messageHandlers[0]).not.toBe(before);
    other.destroy();
    expect(provider.messageHandlers[0]).toBe(before);
  });
});
