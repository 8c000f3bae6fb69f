/** Plain-text helpers over ProseMirror JSON, shared by the editor and the server. */

/** The ProseMirror JSON shape that the helpers read. */
export interface ProseMirrorJSON {
  type: string;
  text?: string;
  attrs?: Record<string, unknown>;
  content?: ProseMirrorJSON[];
  marks?: { type: string; attrs?: Record<string, unknown> }[];
}

/** Node types whose text ends with a newline; the children of any other node are joined by newlines. */
export const blockSeparated: ReadonlySet<string> = new Set(['paragraph', 'heading', 'blockquote', 'listItem', 'bulletList', 'orderedList', 'figure']);

/** The text of a document, with blocks separated by newlines. */
export function plainText(node: ProseMirrorJSON | null | undefined): string {
  if (!node) return '';
  if (node.type === 'text') return node.text ?? '';
  if (node.type === 'hardBreak') return '\n';
  const inner = (node.content ?? []).map(plainText).join(blockSeparated.has(node.type) ? '' : '\n');
  return blockSeparated.has(node.type) ? `${inner}\n` : inner;
}

const wordPattern = /[\p{L}\p{N}]+(?:['’\-.][\p{L}\p{N}]+)*/gu;

/** How many words a text holds: runs of letters and digits, with inner apostrophes and hyphens. */
export function countWords(text: string): number {
  return text.match(wordPattern)?.length ?? 0;
}

/** The words of a document, as a copy desk counts them. */
export function wordCountOf(node: ProseMirrorJSON | null | undefined): number {
  return countWords(plainText(node));
}
