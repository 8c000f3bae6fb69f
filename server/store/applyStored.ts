/** Rebuilds a doc from what the store holds. */
import * as Y from 'yjs';
import type { StoredDoc } from './DocStore';

/** Applies a stored snapshot and log to a doc, in one transaction. */
export function applyStored(doc: Y.Doc, stored: StoredDoc, origin: unknown = null): void {
  doc.transact(() => {
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot, origin);
    for (const update of stored.updates) Y.applyUpdate(doc, update, origin);
  }, origin);
}
