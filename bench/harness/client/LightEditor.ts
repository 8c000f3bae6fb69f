/**
 * A lightweight editor for the capacity steps, so the load generator is not the bottleneck: a raw
 * WebSocket speaking the protocol with y-protocols, a small Y.Doc of its own to make real updates,
 * and, once listening, no applying of anyone else's updates: an arriving update is only read for
 * the client ids and clocks it carries (Y.parseUpdateMeta), and awareness is not decoded at all.
 * Its own doc never sees others' edits, which Yjs allows: its updates still merge on the server.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import type { Endpoint } from '../servers/types';
import type { LatencyProbe } from './LatencyProbe';
import { caretColour, type StoryEditor } from './StoryEditor';
import { bodyText, prepareStory } from './story';
import { keystroke } from './typing';
import { authFrame, awarenessFrame, frame, MessageType, readFrame, syncStep1Frame, updateFrame } from './wire';

/** A raw-protocol editor on one story. */
export class LightEditor implements StoryEditor {
  readonly ready: Promise<void>;
  private readonly doc = new Y.Doc();
  private readonly awareness = new awarenessProtocol.Awareness(this.doc);
  private readonly ws: WebSocket;
  private listening = false;
  private caret = 0;
  private readonly waitingForStep2: (() => void)[] = [];

  constructor(
    private readonly endpoint: Endpoint,
    private readonly story: string,
    private readonly probe: LatencyProbe,
    private readonly receivers: number,
    n: number,
  ) {
    const { dialect, cookie } = endpoint;
    this.ws = new WebSocket(dialect === 'hocuspocus' ? endpoint.url : `${endpoint.url}/${encodeURIComponent(story)}`, cookie ? { headers: { cookie } } : {});
    this.ready = new Promise<void>((resolve, reject) => {
      this.waitingForStep2.push(resolve);
      this.ws.once('error', reject);
      this.ws.once('close', (code) => reject(new Error(`${story}: the server closed the connection (${code}) before the first sync`)));
    });
    this.ws.on('open', () => {
      if (dialect === 'hocuspocus') this.ws.send(authFrame(story));
      this.ws.send(syncStep1Frame(dialect, story, Y.encodeStateVector(this.doc)));
    });
    this.ws.on('message', (data: Buffer) => this.receive(data));
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== this) this.send(updateFrame(dialect, story, update));
    });
    this.awareness.on('update', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
      const changed = [...added, ...updated, ...removed];
      this.send(awarenessFrame(dialect, story, awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed)));
    });
    this.awareness.setLocalStateField('user', { name: `Reporter ${n}`, color: caretColour(n) });
  }

  async prepare(headline: string): Promise<void> {
    if (!prepareStory(this.doc, headline)) return;
    // The answer to a sync step 1 comes after everything sent before it on this connection.
    const answered = new Promise<void>((resolve) => this.waitingForStep2.push(resolve));
    this.send(syncStep1Frame(this.endpoint.dialect, this.story, Y.encodeStateVector(this.doc)));
    await answered;
  }

  listen(): void {
    this.listening = true;
    this.caret = Math.floor(Math.random() * (bodyText(this.doc).length + 1));
  }

  edit(): void {
    const text = bodyText(this.doc);
    this.probe.recordEdit(this.doc.clientID, Y.getState(this.doc.store, this.doc.clientID), this.receivers);
    this.caret = keystroke(text, this.caret);
    const position = Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, this.caret));
    this.awareness.setLocalStateField('cursor', { anchor: position, head: position });
  }

  close(): void {
    this.awareness.destroy();
    this.ws.close();
    this.doc.destroy();
  }

  private send(data: Uint8Array): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(data);
  }

  private receive(data: Uint8Array): void {
    const { type, decoder } = readFrame(this.endpoint.dialect, data);
    if (type !== MessageType.Sync && type !== MessageType.SyncReply) return;
    if (this.listening) return this.observe(decoder);
    const reply = encoding.createEncoder();
    const step = syncProtocol.readSyncMessage(decoder, reply, this.doc, this);
    if (encoding.length(reply) > 0) {
      const body = encoding.toUint8Array(reply);
      this.send(
        frame(this.endpoint.dialect, this.story, (e) => {
          encoding.writeVarUint(e, MessageType.Sync);
          encoding.writeUint8Array(e, body);
        }),
      );
    }
    if (step === syncProtocol.messageYjsSyncStep2) this.waitingForStep2.shift()?.();
  }

  /** Reads which clocks an update carries, without applying it. */
  private observe(decoder: decoding.Decoder): void {
    const step = decoding.readVarUint(decoder);
    if (step !== syncProtocol.messageYjsUpdate && step !== syncProtocol.messageYjsSyncStep2) return;
    const now = performance.now();
    const { from, to } = Y.parseUpdateMeta(decoding.readVarUint8Array(decoder));
    for (const [client, end] of to) {
      // Some servers send an update back to its sender too; that is no delivery.
      if (client !== this.doc.clientID) this.probe.arrived(client, from.get(client) ?? 0, end, now);
    }
  }
}
