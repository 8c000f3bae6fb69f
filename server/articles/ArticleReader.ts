/** Reads an article's current text: from the live room when it is open, else from the store. */
import * as Y from 'yjs';
import type { CollabServer } from '../collab/CollabServer';
import type { DocStore } from '../store/DocStore';
import { applyStored } from '../store/applyStored';
import { renderArticle, type RenderedArticle } from './render';

/** A story as it stands: rendered, and as a Yjs update that restores exactly this state. */
export interface ArticleReading {
  rendered: RenderedArticle;
  snapshot: Uint8Array;
}

/** Renders articles from the freshest doc this process can see. */
export class ArticleReader {
  constructor(
    private readonly store: DocStore,
    private readonly collab: CollabServer,
  ) {}

  /** The rendered article (the live doc is copied, never converted in place). */
  async render(articleId: string): Promise<RenderedArticle> {
    return (await this.read(articleId)).rendered;
  }

  /** The rendered article and its state as one update. */
  async read(articleId: string): Promise<ArticleReading> {
    const room = this.collab.openRoom(articleId);
    if (room) return { rendered: renderArticle(room.doc), snapshot: Y.encodeStateAsUpdate(room.doc) };
    const doc = new Y.Doc();
    try {
      applyStored(doc, await this.store.load(articleId));
      return { rendered: renderArticle(doc), snapshot: Y.encodeStateAsUpdate(doc) };
    } finally {
      doc.destroy();
    }
  }
}
