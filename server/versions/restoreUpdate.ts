/**
 * Restoring a version is a forward change, never a rewind: the live doc is edited, in a copy, until
 * its text is the version's, and what that edit added to the copy is the update to apply. The edit is
 * y-tiptap's own `updateYFragment` (what an editor does when its text changes), so the paragraphs both
 * have in common keep their Yjs items: an editor still typing in one, or one that was offline, merges
 * into the restored text instead of landing in a deleted paragraph or bringing the old one back twice.
 */
import * as Y from 'yjs';
import { prosemirrorJSONToYXmlFragment, yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import { ArticleRoots } from '../../shared/article';
import { bodySchema, lineSchema } from '../../shared/schema';

/**
 * The update that turns `live` into the content of `version` (headline, standfirst, body and meta),
 * written as new items of one new Yjs client; null when they already read the same. `version` is
 * converted in place, so pass a throwaway doc; `live` is only read.
 */
export function restoreUpdate(live: Y.Doc, version: Y.Doc): Uint8Array | null {
  const work = new Y.Doc();
  try {
    Y.applyUpdate(work, Y.encodeStateAsUpdate(live));
    const before = Y.encodeStateVector(work);
    let changed = false;
    work.on('afterTransaction', (tr: Y.Transaction) => {
      if (tr.deleteSet.clients.size > 0 || (tr.afterState.get(work.clientID) ?? 0) > (tr.beforeState.get(work.clientID) ?? 0)) changed = true;
    });
    work.transact(() => {
      for (const [root, schema] of [
        [ArticleRoots.headline, lineSchema()],
        [ArticleRoots.standfirst, lineSchema()],
        [ArticleRoots.body, bodySchema()],
      ] as const) {
        const content = yXmlFragmentToProseMirrorRootNode(version.getXmlFragment(root), schema).toJSON();
        prosemirrorJSONToYXmlFragment(schema, content, work.getXmlFragment(root));
      }
      const from = version.getMap<unknown>(ArticleRoots.meta).toJSON() as Record<string, unknown>;
      const meta = work.getMap<unknown>(ArticleRoots.meta);
      for (const key of [...meta.keys()]) if (!(key in from)) meta.delete(key);
      for (const [key, value] of Object.entries(from)) {
        const current = meta.get(key);
        const json = current instanceof Y.AbstractType ? current.toJSON() : current;
        if (JSON.stringify(json) !== JSON.stringify(value)) meta.set(key, value);
      }
    });
    return changed ? Y.encodeStateAsUpdate(work, before) : null;
  } finally {
    work.destroy();
  }
}
