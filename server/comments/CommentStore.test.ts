/** The comment store on both engines: threads with their anchors and comments, resolving, reopening, counting. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { toBase64 } from 'lib0/buffer';
import type { ThreadAnchor } from '../../shared/comments';
import { Engines, openEngine } from '../../test/helpers/databases';
import type { Database } from '../store/database';
import { CommentStore } from './CommentStore';

describe.each(Engines)('CommentStore on %s', (engine) => {
  let db: Database;
  let close: () => Promise<void>;
  let store: CommentStore;
  const at = new Date('2026-11-27T10:00:00Z');
  const later = new Date('2026-11-27T10:05:00Z');
  const doc = new Y.Doc();
  const text = new Y.XmlText('The harbour bridge closes tonight.');
  doc.getXmlFragment('body').insert(0, [text]);
  const anchor: ThreadAnchor = {
    start: toBase64(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(text, 4, 0))),
    end: toBase64(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(text, 18, -1))),
  };

  beforeAll(async () => {
    ({ db, close } = await openEngine(engine));
    store = new CommentStore(db);
    for (const [id, name] of [
      ['u1', 'Inès Moreau'],
      ['u2', 'Rosa Okafor'],
    ]) {
      await db.run('INSERT INTO users (id, email, name, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)', [id, `${id}@galley.test`, name, 'writer', 'x', at.toISOString()]);
    }
    for (const id of ['a1', 'a2']) await db.run('INSERT INTO articles (id, created_by, created_at, updated_at) VALUES (?, ?, ?, ?)', [id, 'u1', at.toISOString(), at.toISOString()]);
  });
  afterAll(() => close());

  it('opens a thread with its first comment and keeps the anchor byte for byte', async () => {
    const id = await store.transaction((tx) => store.open({ articleId: 'a1', anchor, quote: 'harbour bridge', createdBy: 'u1', body: 'Which bridge?', at }, tx));
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const thread = await store.thread('a1', id);
    expect(thread).toEqual({
      id,
      articleId: 'a1',
      anchor,
      quote: 'harbour bridge',
      createdBy: { id: 'u1', name: 'Inès Moreau', color: expect.any(String) },
      createdAt: at.toISOString(),
      resolvedAt: null,
      resolvedBy: null,
      comments: [{ id: expect.any(Number), author: { id: 'u1', name: 'Inès Moreau', color: expect.any(String) }, body: 'Which bridge?', createdAt: at.toISOString() }],
    });
    // The anchor still names the words in the doc.
    const start = Y.createAbsolutePositionFromRelativePosition(Y.decodeRelativePosition(Buffer.from(thread!.anchor.start, 'base64')), doc)!;
    expect(start.index).toBe(4);
    // Another story does not see it.
    expect(await store.thread('a2', id)).toBeUndefined();
  });

  it('adds replies in order, resolves once, reopens, and counts open threads per story', async () => {
    const id = await store.open({ articleId: 'a2', anchor, quote: 'harbour bridge', createdBy: 'u1', body: 'Source?', at });
    const second = await store.open({ articleId: 'a2', anchor, quote: 'closes tonight', createdBy: 'u2', body: 'From when?', at: later });
    await store.reply(id, { authorId: 'u2', body: 'The council.', at: later });
    await store.reply(id, { authorId: 'u1', body: 'Thanks.', at: later });
    expect(await store.openCount('a2')).toBe(2);

    expect(await store.resolve(id, 'u2', later)).toBe(true);
    expect(await store.resolve(id, 'u1', later)).toBe(false);
    const resolved = await store.thread('a2', id);
    expect(resolved).toMatchObject({ resolvedAt: later.toISOString(), resolvedBy: { id: 'u2', name: 'Rosa Okafor' } });
    expect(resolved!.comments.map((c) => [c.author.name, c.body])).toEqual([
      ['Inès Moreau', 'Source?'],
      ['Rosa Okafor', 'The council.'],
      ['Inès Moreau', 'Thanks.'],
    ]);
    expect(await store.openCount('a2')).toBe(1);

    expect(await store.reopen(id)).toBe(true);
    expect(await store.reopen(id)).toBe(false);
    expect(await store.thread('a2', id)).toMatchObject({ resolvedAt: null, resolvedBy: null });
    expect(await store.openCount('a2')).toBe(2);

    const all = await store.forArticle('a2');
    expect(all.map((t) => [t.id, t.comments.length])).toEqual([
      [id, 3],
      [second, 1],
    ]);
  });

  it('writes nothing when the transaction fails', async () => {
    const before = await store.forArticle('a1');
    await expect(
      store.transaction(async (tx) => {
        await store.open({ articleId: 'a1', anchor, quote: 'x', createdBy: 'u1', body: 'Lost.', at }, tx);
        throw new Error('stop');
      }),
    ).rejects.toThrow('stop');
    expect(await store.forArticle('a1')).toEqual(before);
  });
});
