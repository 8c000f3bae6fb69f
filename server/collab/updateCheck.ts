/**
 * Structural checks on a Yjs update before it touches a live doc: it must decode completely and
 * write only to the roots of the article layout. Access rules per role come on top of this.
 */
import * as Y from 'yjs';
import { ArticleRoots } from '../../shared/article';

const knownRoots = new Set<string>(Object.values(ArticleRoots));

/** Why an update was refused, or null when it may be applied. */
export function checkUpdate(update: Uint8Array): string | null {
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch (err) {
    return `the update does not decode (${(err as Error).message})`;
  }
  for (const struct of decoded.structs) {
    if (!(struct instanceof Y.Item)) continue;
    // A root is named by a string parent; nested content points at its parent item by id instead.
    if (typeof struct.parent === 'string' && !knownRoots.has(struct.parent)) return `the update writes to an unknown root "${struct.parent}"`;
    if (struct.content instanceof Y.ContentDoc) return 'subdocuments are not part of an article';
  }
  return null;
}
