/**
 * The budget line of a story (its headline, word count and desk), read from the live doc in place.
 * It runs after every pause in typing in every open story, so it converts nothing: no copy of the
 * doc, no ProseMirror nodes, nothing in the live doc touched. It counts the words the rendering
 * counts: an element the schema does not know is skipped, as the conversion drops it, and text is
 * joined the way `plainText` joins it.
 */
import * as Y from 'yjs';
import { ArticleRoots } from '../../shared/article';
import { bodySchema, lineSchema } from '../../shared/schema';
import { blockSeparated, countWords } from '../../shared/text';
import { readMeta } from './meta';

/** What the story budget shows of a story. */
export interface ArticleSummaryText {
  headline: string;
  wordCount: number;
  desk: string;
}

let bodyNodes: Set<string> | undefined;
let lineNodes: Set<string> | undefined;

/** The budget line's text of an article doc. */
export function summarizeArticle(doc: Y.Doc): ArticleSummaryText {
  bodyNodes ??= new Set(Object.keys(bodySchema().nodes));
  lineNodes ??= new Set(Object.keys(lineSchema().nodes));
  return {
    headline: textOf(doc.getXmlFragment(ArticleRoots.headline), 'doc', lineNodes).trim(),
    wordCount: countWords(textOf(doc.getXmlFragment(ArticleRoots.body), 'doc', bodyNodes)),
    desk: readMeta(doc.getMap(ArticleRoots.meta)).desk ?? '',
  };
}

/** The plain text of a fragment or element of type `nodeName`, as `plainText` gives it for the converted node. */
function textOf(type: Y.XmlFragment, nodeName: string, known: Set<string>): string {
  if (nodeName === 'hardBreak') return '\n';
  const block = blockSeparated.has(nodeName);
  let text = '';
  let first = true;
  for (let item = type._start; item !== null; item = item.right) {
    if (item.deleted || !(item.content instanceof Y.ContentType)) continue;
    const child = item.content.type;
    let part: string;
    if (child instanceof Y.XmlText) part = stringOf(child);
    else if (child instanceof Y.XmlElement && known.has(child.nodeName)) part = textOf(child, child.nodeName, known);
    else continue;
    if (!first && !block) text += '\n';
    text += part;
    first = false;
  }
  return block ? `${text}\n` : text;
}

/** The characters of a text node, formatting left out. */
function stringOf(text: Y.XmlText): string {
  let s = '';
  for (let item = text._start; item !== null; item = item.right) {
    if (!item.deleted && item.content instanceof Y.ContentString) s += item.content.str;
  }
  return s;
}
