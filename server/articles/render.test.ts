import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { renderArticle, summarizeArticle } from './render';
import { paragraphs, seedUpdate } from './seed';

describe('the budget line and the rendering of a story', () => {
  it('read a copy: an element the schema does not know is dropped from the copy, never from the live doc', () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, seedUpdate({ headline: 'Ferry strike called off', body: paragraphs('Crews return at dawn.', 'Talks resume on Monday.'), meta: { desk: 'Business' } }));
    // What an older or newer client could have written: the conversion deletes what does not fit the schema.
    doc.getXmlFragment('body').insert(1, [new Y.XmlElement('marquee')]);
    const before = Y.encodeStateAsUpdate(doc);
    const changes: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => changes.push(update));

    expect(summarizeArticle(doc)).toEqual({ headline: 'Ferry strike called off', wordCount: 8, desk: 'Business' });
    expect(renderArticle(doc).wordCount).toBe(8);
    expect(changes).toEqual([]);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
    expect(doc.getXmlFragment('body').length).toBe(3);
  });
});
