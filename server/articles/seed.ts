/** Writes the first content of a new article. Only the server seeds: a client never does. */
import * as Y from 'yjs';
import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import { ArticleRoots, type ArticleMeta } from '../../shared/article';
import { bodySchema, lineSchema } from '../../shared/schema';
import type { ProseMirrorJSON } from '../../shared/text';

/** The content a story starts with. */
export interface ArticleSeed {
  headline?: string;
  standfirst?: string;
  /** The body as ProseMirror JSON of the body schema. */
  body?: ProseMirrorJSON;
  /** The first values of the co-edited meta fields. */
  meta?: ArticleMeta;
}

const line = (text: string): ProseMirrorJSON => ({
  type: 'doc',
  content: [{ type: 'paragraph', content: text ? [{ type: 'text', text }] : [] }],
});

/** Paragraphs of plain text as a body document. */
export function paragraphs(...texts: string[]): ProseMirrorJSON {
  return { type: 'doc', content: texts.map((text) => ({ type: 'paragraph', content: text ? [{ type: 'text', text }] : [] })) };
}

/** The Yjs update that holds a new article's first content. */
export function seedUpdate(seed: ArticleSeed): Uint8Array {
  const doc = new Y.Doc();
  try {
    prosemirrorJSONToYXmlFragment(lineSchema(), line(seed.headline ?? ''), doc.getXmlFragment(ArticleRoots.headline));
    prosemirrorJSONToYXmlFragment(lineSchema(), line(seed.standfirst ?? ''), doc.getXmlFragment(ArticleRoots.standfirst));
    prosemirrorJSONToYXmlFragment(bodySchema(), seed.body ?? paragraphs(''), doc.getXmlFragment(ArticleRoots.body));
    const meta = doc.getMap(ArticleRoots.meta);
    for (const [key, value] of Object.entries(seed.meta ?? {})) if (value !== undefined) meta.set(key, value);
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}
