/**
 * Compaction: the snapshot and the log merged into one new snapshot, the merged rows deleted in
 * the same transaction. It reads the store, not a live doc, so it never includes what is not stored.
 */
import * as Y from 'yjs';
import type { DocStore } from '../store/DocStore';
import { applyStored } from '../store/applyStored';

/** What one compaction did. */
export interface CompactionResult {
  merged: number;
  /** The bytes of the merged log updates. */
  mergedBytes: number;
  bytesBefore: number;
  bytesAfter: number;
  ms: number;
}

const Skipped: CompactionResult = { merged: 0, mergedBytes: 0, bytesBefore: 0, bytesAfter: 0, ms: 0 };

/** Merges an article's log into its snapshot; skipped while another instance compacts it. */
export async function compactArticle(store: DocStore, articleId: string): Promise<CompactionResult> {
  return (await store.compactionLock(articleId, () => compact(store, articleId))) ?? Skipped;
}

async function compact(store: DocStore, articleId: string): Promise<CompactionResult> {
  const started = performance.now();
  const stored = await store.load(articleId);
  if (stored.updates.length === 0) return Skipped;
  const mergedBytes = stored.updates.reduce((n, u) => n + u.byteLength, 0);
  const bytesBefore = (stored.snapshot?.byteLength ?? 0) + mergedBytes;
  const doc = new Y.Doc();
  try {
    applyStored(doc, stored);
    const snapshot = Y.encodeStateAsUpdate(doc);
    if (!(await store.replaceSnapshot(articleId, snapshot, stored.updateIds))) return Skipped;
    return { merged: stored.updates.length, mergedBytes, bytesBefore, bytesAfter: snapshot.byteLength, ms: performance.now() - started };
  } finally {
    doc.destroy();
  }
}
