/**
 * Renders an article doc to JSON, HTML and a word count. It always works on a copy: the
 * ProseMirror conversion drops whatever does not match the schema, and the live doc must keep it.
 */
import * as Y from 'yjs';
import { yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import { renderToHTMLString } from '@tiptap/static-renderer/pm/html-string';
import { ArticleRoots, type ArticleMeta } from '../../shared/article';
import { readMeta } from './meta';
import { bodyExtensions, bodySchema, lineSchema } from '../../shared/schema';
import { plainText, wordCountOf, type ProseMirrorJSON } from '../../shared/text';
import { withoutSuggestions } from '../../shared/suggestions';

/** An article's text as readers and the story list see it. */
export interface RenderedArticle {
  headline: string;
  standfirst: string;
  body: ProseMirrorJSON;
  html: string;
  wordCount: number;
  meta: ArticleMeta;
}

/** A detached copy of a doc, safe to convert. */
export function copyOf(doc: Y.Doc): Y.Doc {
  // The live doc's guid: a new one would cost 32 calls for random bytes.
  const copy = new Y.Doc({ gc: true, guid: doc.guid });
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

function lineText(doc: Y.Doc, root: string): string {
  const node = yXmlFragmentToProseMirrorRootNode(doc.getXmlFragment(root), lineSchema());
  return plainText(node.toJSON() as ProseMirrorJSON).trim();
}

let renderingExtensions: ReturnType<typeof bodyExtensions> | undefined;

/** Renders an article doc (a copy is taken first). */
export function renderArticle(live: Y.Doc): RenderedArticle {
  const doc = copyOf(live);
  try {
    const bodyNode = yXmlFragmentToProseMirrorRootNode(doc.getXmlFragment(ArticleRoots.body), bodySchema());
    const body = bodyNode.toJSON() as ProseMirrorJSON;
    return {
      headline: lineText(doc, ArticleRoots.headline),
      standfirst: lineText(doc, ArticleRoots.standfirst),
      body,
      // Readers see the text as if every open suggestion were rejected (the checklist keeps a story
      // with open suggestions from going out; this keeps a preview or a slip from showing marks).
      html: renderToHTMLString({ extensions: (renderingExtensions ??= bodyExtensions()), content: withoutSuggestions(bodyNode) }),
      wordCount: wordCountOf(body),
      meta: readMeta(doc.getMap(ArticleRoots.meta)),
    };
  } finally {
    doc.destroy();
  }
}
