/**
 * A real client provider on one story: the stock y-websocket `WebsocketProvider` (Galley and the
 * reference server) or `@hocuspocus/provider` (Hocuspocus), behind one small interface.
 */
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { WebsocketProvider } from 'y-websocket';
import type { Awareness } from 'y-protocols/awareness';
import WebSocket from 'ws';
import * as Y from 'yjs';
import type { Endpoint } from '../servers/types';
import { isSyncStep2, syncStep1Frame } from './wire';

/** One editor's doc, awareness and connection to a story. */
export interface ProviderClient {
  doc: Y.Doc;
  awareness: Awareness;
  /** Resolves once the first sync with the server is done. */
  synced: Promise<void>;
  /** Resolves once the server has taken every update this client sent so far. */
  serverHasAll(): Promise<void>;
  /** Sends a frame as it is over the provider's own connection. */
  sendRaw(frame: Uint8Array): void;
  /** Applies an update with the provider as its origin, so the provider does not send it. */
  adopt(update: Uint8Array): void;
  /** Sends a sync step 1 with `stateVector` and resolves when the server answers it. */
  syncRoundTrip(stateVector: Uint8Array): Promise<void>;
  destroy(): void;
}

/** A `ws` WebSocket that sends the session cookie with its upgrade, as a browser would. */
function cookieWebSocket(cookie: string | undefined): typeof globalThis.WebSocket {
  class CookieWebSocket extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, cookie ? { headers: { cookie } } : {});
    }
  }
  return CookieWebSocket as unknown as typeof globalThis.WebSocket;
}

function bytesOf(data: unknown): Uint8Array {
  if (data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data as Buffer[]));
  throw new Error('unexpected WebSocket message data');
}

/** How long a provider may take to sync before the harness gives up on it. */
const SyncTimeoutMs = 60_000;

/** The first sync, or an error saying how the server kept closing the connection. */
function firstSync(story: string, isSynced: () => boolean, onSync: (done: () => void) => void, closes: { count: number; last: string }): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (isSynced()) return resolve();
    const timer = setTimeout(() => {
      const why = closes.count ? `the server closed the connection ${closes.count} times, last with ${closes.last}` : 'the connection stayed silent';
      reject(new Error(`${story}: no first sync within ${SyncTimeoutMs / 1000} s (${why})`));
    }, SyncTimeoutMs);
    onSync(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** Waits for the first sync-step-2 frame on `socket` after `send` ran. */
function awaitStep2(endpoint: Endpoint, socket: WebSocket, send: () => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const onMessage = (data: unknown) => {
      if (!isSyncStep2(endpoint.dialect, bytesOf(data))) return;
      cleanup();
      resolve();
    };
    const onClose = () => {
      cleanup();
      reject(new Error('the connection closed before the server answered'));
    };
    const cleanup = () => {
      socket.off('message', onMessage);
      socket.off('close', onClose);
    };
    socket.on('message', onMessage);
    socket.on('close', onClose);
    send();
  });
}

function yWebsocketClient(endpoint: Endpoint, story: string, doc: Y.Doc): ProviderClient {
  const provider = new WebsocketProvider(endpoint.url, story, doc, {
    WebSocketPolyfill: cookieWebSocket(endpoint.cookie),
    // Clients in one process would otherwise sync over BroadcastChannel and bypass the server.
    disableBc: true,
    maxBackoffTime: 500,
  });
  const socket = (): WebSocket => {
    const ws = provider.ws as unknown as WebSocket | null;
    if (!ws || ws.readyState !== WebSocket.OPEN) throw new Error(`not connected to ${story}`);
    return ws;
  };
  const closes = { count: 0, last: '' };
  provider.on('connection-close', (event: CloseEvent | null) => {
    closes.count++;
    closes.last = `code ${event?.code} "${event?.reason ?? ''}"`;
  });
  const synced = firstSync(story, () => provider.synced, (done) => provider.once('sync', done), closes);
  const roundTrip = (stateVector: Uint8Array) => {
    const ws = socket();
    return awaitStep2(endpoint, ws, () => ws.send(syncStep1Frame(endpoint.dialect, story, stateVector)));
  };
  return {
    doc,
    awareness: provider.awareness,
    synced,
    // The sync step 1 is answered after everything sent before it on this connection (Galley: after it is stored).
    serverHasAll: () => roundTrip(Y.encodeStateVector(doc)),
    sendRaw: (frame) => socket().send(frame),
    adopt: (update) => Y.applyUpdate(doc, update, provider),
    syncRoundTrip: roundTrip,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

function hocuspocusClient(endpoint: Endpoint, story: string, doc: Y.Doc): ProviderClient {
  // Node 20 has no global WebSocket: the provider's socket is given `ws`, one socket per editor.
  const connection = new HocuspocusProviderWebsocket({ url: endpoint.url, WebSocketPolyfill: WebSocket });
  const provider = new HocuspocusProvider({ websocketProvider: connection, name: story, document: doc });
  provider.attach();
  const socket = (): WebSocket => {
    const ws = connection.webSocket as unknown as WebSocket | null;
    if (!ws || ws.readyState !== WebSocket.OPEN) throw new Error(`not connected to ${story}`);
    return ws;
  };
  const closes = { count: 0, last: '' };
  provider.on('close', ({ event }: { event: CloseEvent }) => {
    closes.count++;
    closes.last = `code ${event.code} "${event.reason}"`;
  });
  const synced = firstSync(story, () => provider.isSynced, (done) => provider.on('synced', done), closes);
  return {
    doc,
    awareness: provider.awareness!,
    synced,
    // Hocuspocus acknowledges every update it applied (SyncStatus); none outstanding means all taken.
    serverHasAll: () =>
      new Promise<void>((resolve) => {
        if (!provider.hasUnsyncedChanges) return resolve();
        const check = () => {
          if (provider.hasUnsyncedChanges) return;
          provider.off('unsyncedChanges', check);
          resolve();
        };
        provider.on('unsyncedChanges', check);
      }),
    sendRaw: (frame) => socket().send(frame),
    adopt: (update) => Y.applyUpdate(doc, update, provider),
    syncRoundTrip(stateVector) {
      const ws = socket();
      return awaitStep2(endpoint, ws, () => ws.send(syncStep1Frame(endpoint.dialect, story, stateVector)));
    },
    destroy() {
      provider.destroy();
      connection.destroy();
      doc.destroy();
    },
  };
}

/** Opens a provider for `story`; it connects at once. */
export function openProvider(endpoint: Endpoint, story: string, doc: Y.Doc = new Y.Doc()): ProviderClient {
  return endpoint.dialect === 'hocuspocus' ? hocuspocusClient(endpoint, story, doc) : yWebsocketClient(endpoint, story, doc);
}
