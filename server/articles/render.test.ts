import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { renderArticle } from './render';
import { summarizeArticle } from './budgetLine';
import { paragraphs, seedUpdate } from './seed';
import type { ProseMirrorJSON } from '../../shared/text';

const text = (t: string, marks?: ProseMirrorJSON['marks']): ProseMirrorJSON => ({ type: 'text', text: t, ...(marks ? { marks } : {}) });
const block = (type: string, content: ProseMirrorJSON[], attrs?: Record<string, unknown>): ProseMirrorJSON => ({ type, content, ...(attrs ? { attrs } : {}) });

/** A body with every kind of block and inline the schema has. */
const richBody: ProseMirrorJSON = {
  type: 'doc',
  content: [
    block('heading', [text('Ferry strike')], { level: 2 }),
    block('paragraph', [text('Crews '), text('return', [{ type: 'bold' }]), text('ed at dawn,'), { type: 'hardBreak' }, text('said the union’s well-known spokesperson.')]),
    block('bulletList', [block('listItem', [block('paragraph', [text('Talks resume Monday')])]), block('listItem', [block('paragraph', [text('Fares frozen until 2027')])])]),
    block('blockquote', [block('paragraph', [text('We are back', [{ type: 'italic' }]), text(' at work', [{ type: 'link', attrs: { href: 'https://example.org' } }])])]),
    { type: 'figure', attrs: { src: 'https://example.org/ferry.jpg', alt: 'A ferry', caption: 'The ferry at dawn', credit: 'Desk' } },
    block('orderedList', [block('listItem', [block('paragraph', [text('one'), text('two', [{ type: 'insertion', attrs: { id: '0b0f5c3e-8f0e-4f7e-9d5e-1a2b3c4d5e6f', author: 'u1' } }])])])]),
    block('paragraph', []),
  ],
};

describe('the budget line and the rendering of a story', () => {
  it('leave the live doc as it is: the budget line reads it in place, the rendering converts a copy', () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, seedUpdate({ headline: 'Ferry strike called off', body: paragraphs('Crews return at dawn.', 'Talks resume on Monday.'), meta: { desk: 'Business' } }));
    // What an older or newer client could have written: the conversion deletes what does not fit the schema.
    const marquee = new Y.XmlElement('marquee');
    marquee.insert(0, [new Y.XmlText('not counted')]);
    doc.getXmlFragment('body').insert(1, [marquee]);
    const before = Y.encodeStateAsUpdate(doc);
    const changes: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => changes.push(update));

    expect(summarizeArticle(doc)).toEqual({ headline: 'Ferry strike called off', wordCount: 8, desk: 'Business' });
    expect(renderArticle(doc).wordCount).toBe(8);
    expect(changes).toEqual([]);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
    expect(doc.getXmlFragment('body').length).toBe(3);
  });

  it('agree on the headline and the word count, whatever the body holds and however it was edited', () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, seedUpdate({ headline: 'Ferry  strike, called off ', body: richBody, meta: { desk: 'Business' } }));
    const agree = () => {
      const rendered = renderArticle(doc);
      expect(summarizeArticle(doc)).toEqual({ headline: rendered.headline, wordCount: rendered.wordCount, desk: 'Business' });
    };
    agree();
    expect(summarizeArticle(doc).wordCount).toBe(24);

    // Typing, deleting and formatting inside the text nodes, from a second client, with a fixed seed.
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    let seed = 7;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
    const texts: Y.XmlText[] = [];
    const collect = (type: Y.XmlFragment | Y.XmlElement) => type.toArray().forEach((c) => (c instanceof Y.XmlText ? texts.push(c) : collect(c as Y.XmlElement)));
    collect(other.getXmlFragment('body'));
    collect(other.getXmlFragment('headline'));
    for (let i = 0; i < 300; i++) {
      const t = texts[random(texts.length)];
      const at = random(t.length + 1);
      const what = random(4);
      if (what === 0 && t.length > at) t.delete(at, Math.min(3, t.length - at));
      else if (what === 1 && t.length > at) t.format(at, 2, { bold: {} });
      else t.insert(at, ['a', ' ', 'b-c', '’s', '\n'][random(5)]);
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(other, Y.encodeStateVector(doc)));
      if (i % 25 === 0) agree();
    }
    agree();
  });
});
