/**
 * A story's text as blocks, read straight from the Yjs structure so that every character keeps the id
 * of the Yjs item that holds it: that id says which client wrote it and, looked up later, who deleted it.
 * Reads only; the doc is never converted or changed.
 */
import * as Y from 'yjs';
import type { DiffField } from '../../shared/versions';

/** `len` characters from offset `from` of a block, held by ids `clock`, `clock + 1`, … of `client` (or all by `clock` when `fixed`). */
export interface IdRun {
  from: number;
  len: number;
  client: number;
  clock: number;
  /** Every character has the same id: text drawn from one attribute value (a figure's caption). */
  fixed?: boolean;
}

/** One block of text: a paragraph, heading, list item, quote or figure. */
export interface TextBlock {
  type: string;
  text: string;
  runs: IdRun[];
}

/** Elements that hold text directly, even when they are empty. */
const textBlocks = new Set(['paragraph', 'heading']);
/** Containers whose paragraphs are shown as their kind. */
const containerKinds: Record<string, string> = { listItem: 'listItem', blockquote: 'blockquote' };

/** The live (not deleted) children of a Yjs type, in order. */
function* liveItems(type: Y.AbstractType<unknown>): Generator<Y.Item> {
  for (let item = type._start; item; item = item.right) if (!item.deleted) yield item;
}

/** The blocks of one field of a doc, in reading order. */
export function blocksOf(doc: Y.Doc, field: DiffField): TextBlock[] {
  const blocks: TextBlock[] = [];
  walk(doc.getXmlFragment(field), null, blocks);
  return blocks;
}

/** The id of the character at `offset` of a block, if it has one. */
export function idAt(block: TextBlock, offset: number): Y.ID | null {
  let lo = 0;
  let hi = block.runs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const run = block.runs[mid];
    if (offset < run.from) hi = mid - 1;
    else if (offset >= run.from + run.len) lo = mid + 1;
    else return Y.createID(run.client, run.fixed ? run.clock : run.clock + (offset - run.from));
  }
  return null;
}

function walk(parent: Y.XmlFragment | Y.XmlElement, container: string | null, blocks: TextBlock[]): void {
  for (const item of liveItems(parent as Y.AbstractType<unknown>)) {
    if (!(item.content instanceof Y.ContentType)) continue;
    const child = item.content.type;
    if (child instanceof Y.XmlText) {
      // Text straight under a container (not the article schema's shape, but readable all the same).
      blocks.push(textBlock('paragraph', [item]));
      continue;
    }
    if (!(child instanceof Y.XmlElement)) continue;
    const name = child.nodeName;
    if (name === 'figure') {
      blocks.push(figureBlock(child, item));
    } else if (textBlocks.has(name) || [...liveItems(child as Y.AbstractType<unknown>)].some((i) => i.content instanceof Y.ContentType && i.content.type instanceof Y.XmlText)) {
      blocks.push(textBlock(name === 'paragraph' && container ? container : name, [...liveItems(child as Y.AbstractType<unknown>)]));
    } else {
      walk(child, containerKinds[name] ?? container, blocks);
    }
  }
}

/** A block from a text element's children: its texts, and a line break for each inline element (a hard break). */
function textBlock(type: string, children: Y.Item[]): TextBlock {
  const block: TextBlock = { type, text: '', runs: [] };
  for (const child of children) {
    if (!(child.content instanceof Y.ContentType)) continue;
    const inner = child.content.type;
    if (inner instanceof Y.XmlText) {
      for (const item of liveItems(inner as Y.AbstractType<unknown>)) {
        if (!(item.content instanceof Y.ContentString)) continue;
        const str = item.content.str;
        block.runs.push({ from: block.text.length, len: str.length, client: item.id.client, clock: item.id.clock });
        block.text += str;
      }
    } else {
      block.runs.push({ from: block.text.length, len: 1, client: child.id.client, clock: child.id.clock, fixed: true });
      block.text += '\n';
    }
  }
  return block;
}

/** A figure as a line of text: what it shows, its caption and credit, each part held by its attribute's id. */
function figureBlock(figure: Y.XmlElement, item: Y.Item): TextBlock {
  const block: TextBlock = { type: 'figure', text: '', runs: [] };
  const part = (text: string, id: Y.ID) => {
    if (!text) return;
    if (block.text) block.text += ' · ';
    block.runs.push({ from: block.text.length, len: text.length, client: id.client, clock: id.clock, fixed: true });
    block.text += text;
  };
  const attr = (key: string) => {
    const value = figure.getAttribute(key) as unknown;
    const holder = figure._map.get(key);
    return { text: typeof value === 'string' ? value : '', id: holder && !holder.deleted ? holder.id : item.id };
  };
  const src = attr('src');
  part(src.text ? `Image: ${src.text}` : 'Image', src.id);
  for (const key of ['alt', 'caption', 'credit']) {
    const a = attr(key);
    part(a.text, a.id);
  }
  return block;
}
