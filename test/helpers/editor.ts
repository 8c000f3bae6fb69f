/** A real `y-websocket` client in Node, signed in by cookie, editing an article doc. */
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import { yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import { bodySchema, lineSchema } from '../../shared/schema';
import { plainText, type ProseMirrorJSON } from '../../shared/text';

/** A WebSocket class that sends the session cookie with its upgrade, as a browser would. */
export function cookieWebSocket(cookie: string | undefined): typeof globalThis.WebSocket {
  class CookieWebSocket extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, cookie ? { headers: { cookie } } : {});
    }
  }
  return CookieWebSocket as unknown as typeof globalThis.WebSocket;
}

/** One editor's doc and provider. */
export interface TestEditor {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Resolves once the first sync with the server is done. */
  synced: Promise<void>;
  destroy(): void;
}

/** Connects a y-websocket client to `/collab/:articleId`. */
export function connectEditor(url: string, articleId: string, cookie: string | undefined, options: { doc?: Y.Doc; connect?: boolean } = {}): TestEditor {
  const doc = options.doc ?? new Y.Doc();
  const provider = new WebsocketProvider(`${url.replace(/^http/, 'ws')}/collab`, articleId, doc, {
    WebSocketPolyfill: cookieWebSocket(cookie),
    connect: options.connect ?? true,
    maxBackoffTime: 200,
    // Same-process providers would otherwise sync over BroadcastChannel and bypass the server.
    disableBc: true,
  });
  const synced = new Promise<void>((resolve) => {
    if (provider.synced) resolve();
    else provider.once('sync', () => resolve());
  });
  return {
    doc,
    provider,
    synced,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Waits until `check` returns true, polling; throws with `what` after `ms`. */
export async function waitFor(check: () => boolean | Promise<boolean>, what: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Converts a copy: the ProseMirror conversion deletes what does not fit the schema, and a test must not edit. */
function converted(doc: Y.Doc, root: string, schema: ReturnType<typeof bodySchema>): ProseMirrorJSON {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  try {
    return yXmlFragmentToProseMirrorRootNode(copy.getXmlFragment(root), schema).toJSON() as ProseMirrorJSON;
  } finally {
    copy.destroy();
  }
}

/** The plain text of a line field (headline or standfirst) of a doc. */
export function lineOf(doc: Y.Doc, root: 'headline' | 'standfirst'): string {
  return plainText(converted(doc, root, lineSchema())).trim();
}

/** The body of a doc as ProseMirror JSON. */
export function bodyOf(doc: Y.Doc): ProseMirrorJSON {
  return converted(doc, 'body', bodySchema());
}

/** The text node inside the first paragraph of a field, where tests type as an editor would. */
export function firstParagraphText(doc: Y.Doc, root: 'headline' | 'standfirst' | 'body'): Y.XmlText {
  const paragraph = doc.getXmlFragment(root).get(0) as Y.XmlElement;
  let text = paragraph.get(0) as Y.XmlText | undefined;
  if (!text) {
    text = new Y.XmlText();
    paragraph.insert(0, [text]);
  }
  return text;
}
