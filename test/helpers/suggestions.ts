/**
 * Changes a doc's body the way the browser's editor does: a ProseMirror transaction on the body as it
 * stands (tracked as a suggestion when asked), written back into Yjs by y-tiptap's own diff.
 */
import * as Y from 'yjs';

/** The project's own Yjs, for scripts in bench/ (which has a second copy, for the peer servers): Yjs types do not mix across copies. */
export { Y };
import { EditorState, type Transaction } from '@tiptap/pm/state';
import { updateYFragment, yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { ArticleRoots } from '../../shared/article';
import { bodySchema } from '../../shared/schema';
import { trackTransaction } from '../../client/src/editor/suggesting/track';

/** The body of a doc as a ProseMirror node (converted from a copy). */
export function bodyNode(doc: Y.Doc): ProseMirrorNode {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  try {
    return yXmlFragmentToProseMirrorRootNode(copy.getXmlFragment(ArticleRoots.body), bodySchema());
  } finally {
    copy.destroy();
  }
}

/** Writes a ProseMirror body into the doc as the editor's binding would. */
export function writeBody(doc: Y.Doc, body: ProseMirrorNode, origin: unknown = null): void {
  doc.transact(() => updateYFragment(doc, doc.getXmlFragment(ArticleRoots.body), body, { mapping: new Map(), isOMark: new Map() }), origin);
}

/** How a change is made: directly, or as `author`'s suggestion. */
export type ChangeAs = { direct: true } | { suggest: string };

/** Makes a change to the body; returns the update it produced. */
export function editBody(doc: Y.Doc, change: (state: EditorState) => Transaction, as: ChangeAs = { direct: true }): Uint8Array {
  const state = EditorState.create({ doc: bodyNode(doc), schema: bodySchema() });
  let tr = change(state);
  if ('suggest' in as) tr = trackTransaction(state, tr, { author: as.suggest });
  const before = Y.encodeStateVector(doc);
  writeBody(doc, tr.doc);
  return Y.encodeStateAsUpdate(doc, before);
}

/** The text of the body, paragraphs joined by newlines, insertions as [+…] and deletions as [-…]. */
export function markedBody(doc: Y.Doc): string {
  const lines: string[] = [];
  bodyNode(doc).forEach((block) => {
    let line = '';
    block.forEach((node) => {
      let text = node.text ?? '';
      if (node.marks.some((m) => m.type.name === 'deletion')) text = `[-${text}]`;
      if (node.marks.some((m) => m.type.name === 'insertion')) text = `[+${text}]`;
      line += text;
    });
    lines.push(line);
  });
  return lines.join('\n');
}

/** Where a piece of text starts in the body (ProseMirror position), for tests that type at a word. */
export function positionOf(doc: Y.Doc | ProseMirrorNode, text: string, offset = 0): number {
  const node = doc instanceof Y.Doc ? bodyNode(doc) : doc;
  let found = -1;
  node.descendants((child, pos) => {
    if (found >= 0) return false;
    if (!child.isTextblock) return true;
    const index = child.textContent.indexOf(text);
    if (index >= 0) {
      // Positions inside a textblock count characters of its text, which is flat here.
      found = pos + 1 + index + offset;
    }
    return false;
  });
  if (found < 0) throw new Error(`“${text}” is not in the body`);
  return found;
}
