/** The text blocks of a ProseMirror doc as the checks read them, with where each starts in the doc. */
import type { Node } from '@tiptap/pm/model';

/** One text block: its text and the doc position of its first character. */
export interface TextBlock {
  text: string;
  pos: number;
}

// One character per inline leaf keeps an offset in the text equal to a distance in the doc.
const leafText = (leaf: Node) => (leaf.type.name === 'hardBreak' ? '\n' : '\ufffc');

/** Every text block (paragraph, heading) in document order. */
export function textBlocksOf(doc: Node): TextBlock[] {
  const blocks: TextBlock[] = [];
  doc.descendants((node, pos) => {
    if (!node.isTextblock) return true;
    blocks.push({ text: node.textBetween(0, node.content.size, undefined, leafText), pos: pos + 1 });
    return false;
  });
  return blocks;
}
