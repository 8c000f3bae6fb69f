import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { renderArticle, summarizeArticle } from './render';
import { paragraphs, seedUpdate } from './seed';

describe('the budget line of a story', () => {
  it('reads the live doc in place, changing nothing in it', () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, seedUpdate({ headline: 'Ferry strike called off', body: paragraphs('Crews return at dawn.', 'Talks resume on Monday.'), meta: { desk: 'Business' } }));
    const before = Y.encodeStateAsUpdate(doc);
    const changes: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => changes.push(update));

    expect(summarizeArticle(doc)).toEqual({ headline: 'Ferry strike called off', wordCount: 8, desk: 'Business' });
    expect(changes).toEqual([]);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
    expect(summarizeArticle(doc).wordCount).toBe(renderArticle(doc).wordCount);
  });
});
