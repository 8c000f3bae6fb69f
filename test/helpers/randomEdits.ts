/** Random but schema-valid edits to an article doc, as several typists would make them. */
import * as Y from 'yjs';
import { firstParagraphText } from './editor';

/** A small seeded PRNG (mulberry32), so a failing run can be replayed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const words = ['harbour', 'storm', 'council', 'ferry', 'closed', 'tonight', 'mayor', 'said', 'the', 'wind', 'port', 'crews'];

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

/** Applies one random edit: type or delete in the headline, or type, delete or add a paragraph in the body. */
export function randomEdit(doc: Y.Doc, random: () => number): void {
  const roll = random();
  if (roll < 0.3) {
    const text = firstParagraphText(doc, 'headline');
    if (random() < 0.75 || text.length < 5) text.insert(Math.floor(random() * (text.length + 1)), ` ${pick(random, words)}`);
    else text.delete(Math.floor(random() * (text.length - 2)), 2);
    return;
  }
  const body = doc.getXmlFragment('body');
  if (roll < 0.4 || body.length === 0) {
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText(`${pick(random, words)} ${pick(random, words)}.`)]);
    body.insert(Math.floor(random() * (body.length + 1)), [paragraph]);
    return;
  }
  const paragraph = body.get(Math.floor(random() * body.length)) as Y.XmlElement;
  let text = paragraph.get(0) as Y.XmlText | undefined;
  if (!text) {
    text = new Y.XmlText();
    paragraph.insert(0, [text]);
  }
  if (random() < 0.8 || text.length < 4) text.insert(Math.floor(random() * (text.length + 1)), `${pick(random, words)} `);
  else text.delete(Math.floor(random() * (text.length - 3)), 3);
}
