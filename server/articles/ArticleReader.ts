/** Reads an article's current text: from the live room when it is open, else from the store. */
import * as Y from 'yjs';
import type { CollabServer } from '../collab/CollabServer';
import type { DocStore } from '../store/DocStore';
import { applyStored } from '../store/applyStored';
import { renderArticle, type RenderedArticle } from './render';

/** Renders articles from the freshest doc this process can see. */
export class ArticleReader {
  constructor(
    private readonly store: DocStore,
    private readonly collab: CollabServer,
  ) {}

  /** The rendered article (the live doc is copied, never converted in place). */
  async render(articleId: string): Promise<RenderedArticle> {
    const room = this.collab.openRoom(articleId);
    if (room) return renderArticle(room.doc);
    const stored = await this.store.load(articleId);
    const doc = new Y.Doc();
    try {
      applyStored(doc, stored);
      return renderArticle(doc);
    } finally {
      doc.destroy();
    }
  }
}
