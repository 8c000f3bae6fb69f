/** A bare WebSocket to the collab endpoint, for sending frames no well-behaved client would. */
import WebSocket from 'ws';

/** An open raw socket and how it ended. */
export interface RawSocket {
  ws: WebSocket;
  /** Resolves with the close code the server sent. */
  closed: Promise<number>;
  /** Frames received so far. */
  received: Uint8Array[];
}

/** Opens a raw socket to `/collab/:articleId`, with the cookie when given. */
export function openRawSocket(url: string, articleId: string, cookie?: string): Promise<RawSocket> {
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/collab/${articleId}`, cookie ? { headers: { cookie } } : {});
  const received: Uint8Array[] = [];
  ws.on('message', (data: Buffer) => received.push(new Uint8Array(data)));
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve({ ws, closed, received }));
    ws.once('error', reject);
  });
}
