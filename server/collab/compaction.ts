/**
 * Compaction: the snapshot and the log merged into one new snapshot, the merged rows deleted in
 * the same transaction. `compactArticle` rebuilds the doc from the store; `compactFromLiveDoc`
 * encodes a live doc that holds every row of the log, at a fraction of the cost.
 */
import * as Y from 'yjs';
import type { DocStore } from '../store/DocStore';
import { applyStored } from '../store/applyStored';

/** What one compaction did. */
export interface CompactionResult {
  merged: number;
  /** The bytes of the merged log updates. */
  mergedBytes: number;
  /** The new snapshot's bytes. */
  bytesAfter: number;
  ms: number;
}

const Skipped: CompactionResult = { merged: 0, mergedBytes: 0, bytesAfter: 0, ms: 0 };

/** Merges an article's log into its snapshot; skipped while another instance compacts it. */
export async function compactArticle(store: DocStore, articleId: string): Promise<CompactionResult> {
  return (await store.compactionLock(articleId, () => compact(store, articleId))) ?? Skipped;
}

async function compact(store: DocStore, articleId: string): Promise<CompactionResult> {
  const started = performance.now();
  const stored = await store.load(articleId);
  if (stored.updates.length === 0) return Skipped;
  const mergedBytes = stored.updates.reduce((n, u) => n + u.byteLength, 0);
  const doc = new Y.Doc({ guid: articleId });
  try {
    applyStored(doc, stored);
    const snapshot = Y.encodeStateAsUpdate(doc);
    if (!(await store.replaceSnapshot(articleId, snapshot, stored.updateIds))) return Skipped;
    return { merged: stored.updates.length, mergedBytes, bytesAfter: snapshot.byteLength, ms: performance.now() - started };
  } finally {
    doc.destroy();
  }
}

/**
 * Merges the log into a snapshot encoded from `doc`, for a story whose every log row is in that
 * doc: one no other instance writes, whose room read the log when it opened and applies each update
 * before storing it. The rows are listed before the doc is encoded, so each one listed is in it;
 * rows stored after the listing stay in the log. The snapshot may hold an update still on its way
 * to the log: that one is stored twice, and Yjs applies it once.
 */
export async function compactFromLiveDoc(store: DocStore, articleId: string, doc: Y.Doc): Promise<CompactionResult> {
  return (await store.compactionLock(articleId, () => compactLive(store, articleId, doc))) ?? Skipped;
}

async function compactLive(store: DocStore, articleId: string, doc: Y.Doc): Promise<CompactionResult> {
  const started = performance.now();
  const log = await store.logIndex(articleId);
  if (log.ids.length === 0 || doc.isDestroyed) return Skipped;
  const snapshot = Y.encodeStateAsUpdate(doc);
  if (!(await store.replaceSnapshot(articleId, snapshot, log.ids))) return Skipped;
  return { merged: log.ids.length, mergedBytes: log.bytes, bytesAfter: snapshot.byteLength, ms: performance.now() - started };
}
