import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { toBase64 } from 'lib0/buffer';
import { prosemirrorJSONToYXmlFragment, yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import { seededRandom } from '../test/helpers/randomEdits';
import { anchorBetween, BodyLayout, decodeAnchor, mentionedPeople, quoteOf, resolveAnchor, type ThreadAnchor } from './comments';
import { bodySchema } from './schema';
import type { ProseMirrorJSON } from './text';

const schema = bodySchema();
const phrase = 'expansion joints';

/** A body with a heading, a figure, formatting and the phrase in the middle of a paragraph. */
const story: ProseMirrorJSON = {
  type: 'doc',
  content: [
    { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Bridge works' }] },
    { type: 'paragraph', content: [{ type: 'text', text: 'The Harbour Bridge will close every night for six weeks.' }] },
    { type: 'figure', attrs: { src: 'https://example.org/bridge.jpg', alt: 'The bridge', caption: 'At dusk', credit: 'Desk' } },
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'Engineers will ' },
        { type: 'text', text: 'replace', marks: [{ type: 'bold' }] },
        { type: 'text', text: ` the ${phrase} that carry the deck.` },
      ],
    },
    { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Buses divert.' }] }] }] },
  ],
};

/** A doc holding the story's body. */
function storyDoc(): Y.Doc {
  const doc = new Y.Doc();
  prosemirrorJSONToYXmlFragment(schema, story, doc.getXmlFragment('body'));
  return doc;
}

/** The body converted (a copy) to ProseMirror, as an editor on the doc would see it. */
function proseMirrorOf(doc: Y.Doc) {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return yXmlFragmentToProseMirrorRootNode(copy.getXmlFragment('body'), schema);
}

/** Where a phrase first appears in the editor's positions. */
function find(doc: Y.Doc, text: string): { from: number; to: number } {
  let found: { from: number; to: number } | null = null;
  proseMirrorOf(doc).descendants((node, pos) => {
    const at = node.isText ? node.text!.indexOf(text) : -1;
    if (!found && at >= 0) found = { from: pos + at, to: pos + at + text.length };
  });
  if (!found) throw new Error(`"${text}" is not in the body`);
  return found;
}

function anchorPhrase(doc: Y.Doc, text = phrase): ThreadAnchor {
  const { from, to } = find(doc, text);
  const made = anchorBetween(doc.getXmlFragment('body'), from, to);
  expect(made?.quote).toBe(text);
  return made!.anchor;
}

/** Sends `from`'s changes that `to` lacks. */
function sync(from: Y.Doc, to: Y.Doc): void {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
}

const words = ['harbour', 'storm', 'council', 'ferry', 'closed', 'tonight', 'mayor', 'said', 'the', 'wind', 'port', 'crews'];

/** A run's characters, without its formatting. */
const plain = (t: Y.XmlText) => t.toDelta().map((op: { insert: string }) => op.insert).join('');

/** Every text run of a doc's body, in order. */
function texts(doc: Y.Doc): Y.XmlText[] {
  const out: Y.XmlText[] = [];
  const walk = (type: Y.XmlFragment | Y.XmlElement) => {
    for (const child of type.toArray()) {
      if (child instanceof Y.XmlText) out.push(child);
      else if (child instanceof Y.XmlElement) walk(child);
    }
  };
  walk(doc.getXmlFragment('body'));
  return out;
}

/** One random edit that never touches the anchored words (as this doc sees them): typing up to their edges, deleting and formatting around them, adding and removing other paragraphs. */
function editAround(doc: Y.Doc, anchor: ThreadAnchor, random: () => number, tally: Record<string, number>): void {
  const body = doc.getXmlFragment('body');
  const ends = decodeAnchor(anchor)!;
  const start = Y.createAbsolutePositionFromRelativePosition(ends.start, doc)!;
  const end = Y.createAbsolutePositionFromRelativePosition(ends.end, doc)!;
  const home = start.type as Y.XmlText;
  const word = () => words[Math.floor(random() * words.length)];
  const roll = random();
  if (roll < 0.3) {
    // Type right at an edge of the words, or elsewhere in their paragraph.
    const edge = random() < 0.5 ? start.index : end.index;
    const index = random() < 0.7 ? edge : random() < 0.5 ? Math.floor(random() * (start.index + 1)) : end.index + Math.floor(random() * (home.length - end.index + 1));
    home.insert(index, random() < 0.5 ? `${word()} ` : ` ${word()}`);
    tally[index === start.index || index === end.index ? 'edge' : 'near']++;
  } else if (roll < 0.45) {
    // Delete next to the words, on either side.
    if (random() < 0.5 && start.index > 0) {
      const n = Math.min(start.index, 1 + Math.floor(random() * 4));
      home.delete(start.index - n, n);
    } else if (home.length > end.index) {
      home.delete(end.index, Math.min(home.length - end.index, 1 + Math.floor(random() * 4)));
    }
    tally.deleteNear++;
  } else if (roll < 0.55) {
    const index = random() < 0.5 ? 0 : end.index;
    const length = index === 0 ? start.index : home.length - end.index;
    if (length > 0) home.format(index, Math.min(length, 3), { italic: random() < 0.5 ? {} : null });
    tally.format++;
  } else if (roll < 0.75) {
    // Type or delete in another run of text.
    const others = texts(doc).filter((t) => t !== home);
    const text = others[Math.floor(random() * others.length)];
    if (random() < 0.7 || text.length < 4) text.insert(Math.floor(random() * (text.length + 1)), `${word()} `);
    else text.delete(Math.floor(random() * (text.length - 3)), 3);
    tally.elsewhere++;
  } else if (roll < 0.92) {
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText(`${word()} ${word()}.`)]);
    body.insert(Math.floor(random() * (body.length + 1)), [paragraph]);
    tally.paragraph++;
  } else {
    const homeBlock = home.parent;
    const others = body.toArray().filter((node) => node !== homeBlock && node instanceof Y.XmlElement && node.nodeName === 'paragraph');
    if (others.length > 1) {
      const victim = others[Math.floor(random() * others.length)];
      body.delete(body.toArray().indexOf(victim), 1);
      tally.removed++;
    }
  }
}

describe('anchored comment threads', () => {
  it('anchors to the selected words in the positions an editor uses, across formatting and nodes', () => {
    const doc = storyDoc();
    const body = doc.getXmlFragment('body');
    const { from, to } = find(doc, phrase);
    const made = anchorBetween(body, from, to)!;
    expect(made.quote).toBe(phrase);
    const place = resolveAnchor(body, made.anchor);
    expect(place).toEqual({ detached: false, from, to, text: phrase });

    // Across the bold word and into the list: the text runs in order, blocks on their own lines.
    const wide = { from: find(doc, 'Engineers will ').from + 'Engineers '.length, to: find(doc, 'Buses').to };
    const across = anchorBetween(body, wide.from, wide.to)!;
    expect(resolveAnchor(body, across.anchor)).toEqual({ detached: false, ...wide, text: `will replace the ${phrase} that carry the deck.\nBuses` });
    expect(across.quote).toBe(`will replace the ${phrase} that carry the deck. Buses`);
    expect(proseMirrorOf(doc).textBetween(wide.from, wide.to, '\n')).toBe(`will replace the ${phrase} that carry the deck.\nBuses`);

    // A selection whose ends fall between blocks is pulled in to its words; an empty one anchors nothing.
    const heading = find(doc, 'Bridge works');
    expect(resolveAnchor(body, anchorBetween(body, heading.from - 1, heading.to + 1)!.anchor)).toMatchObject({ from: heading.from, to: heading.to, text: 'Bridge works' });
    expect(anchorBetween(body, from, from)).toBeNull();
    const figure = find(doc, 'six weeks.').to + 1;
    expect(anchorBetween(body, figure, figure + 1)).toBeNull();
  });

  it('stays on exactly its words through 500 concurrent edits around them from four docs', () => {
    const random = seededRandom(20261127);
    const docs = Array.from({ length: 4 }, () => new Y.Doc());
    const origin = storyDoc();
    for (const doc of docs) sync(origin, doc);
    const anchor = anchorPhrase(docs[0]);
    const tally: Record<string, number> = { edge: 0, near: 0, deleteNear: 0, format: 0, elsewhere: 0, paragraph: 0, removed: 0 };

    for (let i = 0; i < 500; i++) {
      const doc = docs[Math.floor(random() * docs.length)];
      editAround(doc, anchor, random, tally);
      // Now and then two docs exchange what they have: the rest of the time they edit apart.
      if (random() < 0.15) {
        const a = docs[Math.floor(random() * docs.length)];
        const b = docs[Math.floor(random() * docs.length)];
        sync(a, b);
      }
    }
    for (const a of docs) for (const b of docs) sync(a, b);

    const bodies = docs.map((d) => d.getXmlFragment('body').toString());
    expect(new Set(bodies).size).toBe(1);
    expect(tally.edge).toBeGreaterThan(50);
    expect(tally.removed).toBeGreaterThan(5);
    for (const doc of docs) {
      const place = resolveAnchor(doc.getXmlFragment('body'), anchor);
      expect(place).toMatchObject({ detached: false, text: phrase });
      if (place.detached) continue;
      // An editor on this doc highlights exactly the words.
      expect(proseMirrorOf(doc).textBetween(place.from, place.to)).toBe(phrase);
    }
    // The words moved: text was typed right against both of their edges.
    const home = proseMirrorOf(docs[0]).textContent;
    expect(home).not.toContain(`the ${phrase} that`);
  });

  it('detaches when its words are deleted, and keeps what is left of them when only some are', () => {
    const doc = storyDoc();
    const body = doc.getXmlFragment('body');
    const anchor = anchorPhrase(doc);
    const home = texts(doc).find((t) => plain(t).includes(phrase))!;
    const at = plain(home).indexOf(phrase);

    home.delete(at, 'expansion '.length);
    expect(resolveAnchor(body, anchor)).toMatchObject({ detached: false, text: 'joints' });
    home.delete(at, 'joints'.length);
    expect(resolveAnchor(body, anchor)).toEqual({ detached: true });
    // Typing where the words were does not bring the thread back.
    home.insert(at, 'bearings');
    expect(resolveAnchor(body, anchor)).toEqual({ detached: true });
  });

  it('detaches when its paragraph is removed, and when one editor deletes the words while another types inside them', () => {
    const doc = storyDoc();
    const anchor = anchorPhrase(doc);
    const paragraphIndex = doc
      .getXmlFragment('body')
      .toArray()
      .findIndex((n) => n.toString().includes(phrase));
    doc.getXmlFragment('body').delete(paragraphIndex, 1);
    expect(resolveAnchor(doc.getXmlFragment('body'), anchor)).toEqual({ detached: true });

    const a = storyDoc();
    const b = new Y.Doc();
    sync(a, b);
    const both = anchorPhrase(a);
    const textOf = (d: Y.Doc) => texts(d).find((t) => plain(t).includes(phrase))!;
    const at = plain(textOf(a)).indexOf(phrase);
    textOf(a).delete(at, phrase.length);
    textOf(b).insert(at + 4, 'X');
    sync(a, b);
    sync(b, a);
    for (const d of [a, b]) expect(resolveAnchor(d.getXmlFragment('body'), both)).toEqual({ detached: true });
  });

  it('refuses anchors that are not positions in the body', () => {
    const doc = storyDoc();
    const body = doc.getXmlFragment('body');
    const real = anchorPhrase(doc);
    const headline = doc.getXmlFragment('headline');
    const title = new Y.XmlText('Bridge closes');
    const line = new Y.XmlElement('paragraph');
    line.insert(0, [title]);
    headline.insert(0, [line]);
    const elsewhere = {
      start: toBase64(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(title, 0, 0))),
      end: toBase64(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(title, 6, -1))),
    };
    const rootNamed = toBase64(Y.encodeRelativePosition(new Y.RelativePosition(null, 'other', null, 0)));
    for (const anchor of [elsewhere, { start: 'not base64!', end: real.end }, { start: real.start, end: '' }, { start: rootNamed, end: real.end }, { start: real.end, end: real.start }]) {
      expect(resolveAnchor(body, anchor)).toEqual({ detached: true });
    }
    // Resolving never adds a root to the doc.
    expect([...doc.share.keys()].sort()).toEqual(['body', 'headline']);
    expect(new BodyLayout(body).resolve(real)).toMatchObject({ detached: false });
  });

  it('quotes on one line, shortened when long', () => {
    expect(quoteOf('  six\n weeks  ')).toBe('six weeks');
    const long = quoteOf('word '.repeat(200));
    expect(long.length).toBe(500);
    expect(long.endsWith('…')).toBe(true);
  });

  it('finds @mentions by full name, or by a first name nobody else has', () => {
    const people = [
      { id: 'sam', name: 'Sam Reporter' },
      { id: 'sama', name: 'Samantha Okoro' },
      { id: 'ines1', name: 'Inès Moreau' },
      { id: 'ines2', name: 'Inès Dubois' },
      { id: 'tom', name: 'Tom Lindqvist' },
    ];
    const ids = (body: string) => mentionedPeople(body, people).map((p) => p.id);
    expect(ids('@Sam Reporter, please check the figure')).toEqual(['sam']);
    expect(ids('@sam can you look?')).toEqual(['sam']);
    expect(ids('Ask @Samantha and @Tom.')).toEqual(['sama', 'tom']);
    // Two Inès: only the full name says which.
    expect(ids('@Inès, is this right?')).toEqual([]);
    expect(ids('@Inès Dubois, is this right?')).toEqual(['ines2']);
    // Not a mention: an address, a longer word, a name without the @.
    expect(ids('mail sam@example.org or @Samuel, or Tom')).toEqual([]);
    expect(ids('@Tom @tom @TOM Lindqvist')).toEqual(['tom']);
  });
});
