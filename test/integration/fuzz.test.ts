/**
 * A property-based fuzzer against the collab endpoint: random bytes, mutated frames, and Yjs updates
 * that are well formed but hostile (unknown roots, odd types, deep nesting, huge strings, references to
 * items the server never saw). Whatever arrives, the server stays up, a bystander keeps editing, the
 * stored story still loads and renders, and nothing from a refused frame is stored.
 *
 *   GALLEY_FUZZ_RUNS=20000 npx vitest run test/integration/fuzz.test.ts   (longer, by hand)
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import type { ArticleDetail } from '../../shared/api';
import { renderArticle } from '../../server/articles/render';
import { applyStored } from '../../server/store/applyStored';
import { addUser, api, signIn, startGalley, type RunningGalley } from '../helpers/galley';
import { connectEditor, firstParagraphText, lineOf, waitFor, type TestEditor } from '../helpers/editor';
import { openRawSocket, type RawSocket } from '../helpers/rawSocket';

const runs = Number(process.env.GALLEY_FUZZ_RUNS ?? 600);

let running: RunningGalley;
let cookie: string;
let articleId: string;
let bystander: TestEditor;
/** What the server has: a client that mirrors it, so hostile updates can refer to real items. */
let mirror: TestEditor;

beforeAll(async () => {
  running = await startGalley();
  cookie = await signIn(running.url, await addUser(running.galley, 'writer'));
  articleId = (await api<ArticleDetail>(running.url, cookie, 'POST', '/api/articles', { headline: 'Fuzz target' })).body.id;
  bystander = connectEditor(running.url, articleId, cookie);
  mirror = connectEditor(running.url, articleId, cookie);
  await Promise.all([bystander.synced, mirror.synced]);
  firstParagraphText(bystander.doc, 'body').insert(0, 'The bystander was here.');
  await waitFor(() => mirror.doc.getXmlFragment('body').toString().includes('bystander'), 'the mirror to sync');
});
afterAll(async () => {
  bystander.destroy();
  mirror.destroy();
  await running.stop();
});

const frame = (type: number, step: number | null, payload: Uint8Array) => {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, type);
  if (step !== null) encoding.writeVarUint(e, step);
  encoding.writeVarUint8Array(e, payload);
  return encoding.toUint8Array(e);
};

/** Builds a Yjs update from a recipe, optionally on top of what the server already has. */
function hostileUpdate(recipe: { root: string; kind: string; depth: number; text: string; onTop: boolean; detach: boolean }): Uint8Array {
  const doc = new Y.Doc();
  if (recipe.onTop) Y.applyUpdate(doc, Y.encodeStateAsUpdate(mirror.doc));
  const before = Y.encodeStateVector(doc);
  doc.transact(() => {
    switch (recipe.kind) {
      case 'text':
        doc.getText(recipe.root).insert(0, recipe.text);
        break;
      case 'map':
        doc.getMap(recipe.root).set('x', { nested: recipe.text });
        break;
      case 'array':
        doc.getArray(recipe.root).insert(0, [recipe.text, 1, null]);
        break;
      case 'nesting': {
        let parent: Y.XmlFragment | Y.XmlElement = doc.getXmlFragment(recipe.root);
        for (let i = 0; i < recipe.depth; i++) {
          const child: Y.XmlElement = new Y.XmlElement(i % 2 ? 'blockquote' : 'paragraph');
          parent.insert(0, [child]);
          parent = child;
        }
        parent.insert(0, [new Y.XmlText(recipe.text)]);
        break;
      }
      case 'delete': {
        const body = doc.getXmlFragment('body');
        if (body.length) body.delete(0, 1);
        break;
      }
    }
  });
  // Without the base, the update points at items the server never saw.
  return recipe.detach ? Y.encodeStateAsUpdate(doc, Y.encodeStateVector(new Y.Doc())) : Y.encodeStateAsUpdate(doc, before);
}

const bytes = (max: number) => fc.uint8Array({ maxLength: max });
const hostileFrames = fc.oneof(
  bytes(300),
  fc.tuple(fc.constantFrom(0, 1, 2, 3, 4, 200), fc.constantFrom(0, 1, 2, 7, null), bytes(200)).map(([t, s, p]) => frame(t, s, p)),
  fc
    .record({
      root: fc.constantFrom('body', 'headline', 'meta', 'evil', '__proto__', 'standfirst'),
      kind: fc.constantFrom('text', 'map', 'array', 'nesting', 'delete'),
      depth: fc.integer({ min: 1, max: 3000 }),
      text: fc.oneof(fc.string({ maxLength: 40 }), fc.constant('x'.repeat(200_000))),
      onTop: fc.boolean(),
      detach: fc.boolean(),
      step: fc.constantFrom(1, 2),
      cut: fc.option(fc.nat(), { nil: undefined }),
    })
    .map((r) => {
      const update = hostileUpdate(r);
      return frame(0, r.step, r.cut === undefined ? update : update.slice(0, r.cut % Math.max(1, update.length)));
    }),
  fc.tuple(fc.integer({ min: 0, max: 2 ** 31 }), fc.string({ maxLength: 60 })).map(([client, json]) => {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint(e, client);
    encoding.writeVarUint(e, 1);
    encoding.writeVarString(e, json);
    return frame(1, null, encoding.toUint8Array(e));
  }),
);

async function storedDoc(): Promise<Y.Doc> {
  await running.galley.collab.openRoom(articleId)?.whenDurable();
  const doc = new Y.Doc();
  applyStored(doc, await running.galley.docs.load(articleId));
  return doc;
}
const fingerprint = async () => {
  const doc = await storedDoc();
  return JSON.stringify([...Y.encodeStateVector(doc)]) + Y.encodeStateAsUpdate(doc).length;
};

describe('fuzzing the collab endpoint', () => {
  it(`${runs} hostile frames: the server stays up, refused frames store nothing, the story still loads and renders`, { timeout: 600_000 }, async () => {
    let socket: RawSocket | undefined;
    let closedWith: number | undefined;
    let refused = 0;
    let taken = 0;
    await fc.assert(
      fc.asyncProperty(hostileFrames, async (data) => {
        if (!socket || closedWith !== undefined) {
          socket = await openRawSocket(running.url, articleId, cookie);
          closedWith = undefined;
          void socket.closed.then((code) => (closedWith = code));
        }
        const before = await fingerprint();
        const seen = socket.received.length;
        socket.ws.send(data);
        socket.ws.send(Uint8Array.of(3)); // a query: answered if the frame was taken
        const deadline = Date.now() + 5000;
        while (closedWith === undefined && !socket.received.slice(seen).some((f) => f[0] === 1) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 2));
        if (closedWith !== undefined) {
          refused++;
          expect([4400, 1002, 1007, 1009]).toContain(closedWith);
          expect(await fingerprint()).toBe(before);
        } else {
          taken++;
        }
      }),
      { numRuns: runs, seed: 20261127 },
    );
    socket?.ws.close();
    console.log(`fuzz: ${runs} cases, ${refused} refused, ${taken} taken, 0 crashes`);

    expect((await fetch(`${running.url}/healthz`)).status).toBe(200);
    const stored = await storedDoc();
    // Nothing outside the article layout was ever stored.
    expect([...stored.share.keys()].every((k) => ['headline', 'standfirst', 'body', 'meta'].includes(k))).toBe(true);
    // It renders, and what is stored is what editors are served (a taken frame may be a real edit).
    expect(() => renderArticle(stored)).not.toThrow();
    expect(renderArticle(stored)).toEqual(renderArticle(running.galley.collab.openRoom(articleId)!.doc));

    // The bystander never noticed and still edits.
    expect(bystander.provider.wsconnected).toBe(true);
    firstParagraphText(bystander.doc, 'headline').insert(0, 'Still ');
    await waitFor(() => lineOf(mirror.doc, 'headline').startsWith('Still '), 'the bystander’s edit to arrive');
  });
});
