/**
 * Compares two states of one story. The text is diffed word by word (shared/diff), block by block;
 * then each changed character is traced to its Yjs item: an inserted one to the client that wrote it
 * (when that item is newer than the older state), a deleted one to whoever deleted its item. Both
 * states come from the same history, so the ids line up; a gc'd doc is fine, since only the live text
 * of each state is read.
 */
import * as Y from 'yjs';
import type { Person } from '../../shared/api';
import { alignBlocks, diffWords, type TextChange } from '../../shared/diff';
import type { DiffBlock, DiffField, DiffSpan } from '../../shared/versions';
import type { AuthorIndex } from './AuthorshipStore';
import { blocksOf, idAt, type TextBlock } from './storyText';

const fields: DiffField[] = ['headline', 'standfirst', 'body'];

/** A comparison's blocks, and everyone a change in them is attributed to. */
export interface Comparison {
  blocks: DiffBlock[];
  authors: Person[];
}

/** Compares `older` with `newer` (a later state of the same story). */
export function compareDocs(older: Y.Doc, newer: Y.Doc, index: AuthorIndex): Comparison {
  const olderState = Y.decodeStateVector(Y.encodeStateVector(older));
  const newerDeleted = Y.createDeleteSetFromStructStore(newer.store);
  const authors = new Map<string, Person>();
  const note = (p: Person | undefined) => {
    if (p) authors.set(p.id, p);
    return p;
  };

  /** Who wrote the character at `offset` of a newer block, when it was written after the older state. */
  const writerAt = (block: TextBlock, offset: number): Person | undefined => {
    const id = idAt(block, offset);
    if (!id || id.clock < (olderState.get(id.client) ?? 0)) return undefined;
    return note(index.writer(id.client));
  };
  /** Who deleted the character at `offset` of an older block, when it is gone from the newer state. */
  const deleterAt = (block: TextBlock, offset: number): Person | undefined => {
    const id = idAt(block, offset);
    if (!id || !Y.isDeleted(newerDeleted, id)) return undefined;
    return note(index.deleter(id.client, id.clock));
  };

  const blocks: DiffBlock[] = [];
  for (const field of fields) {
    const before = blocksOf(older, field);
    const after = blocksOf(newer, field);
    for (const pair of alignBlocks(
      before.map((b) => b.text),
      after.map((b) => b.text),
    )) {
      if (pair.old !== null && pair.new !== null) {
        const o = before[pair.old];
        const n = after[pair.new];
        if (o.text === n.text) {
          if (o.text) blocks.push({ field, type: n.type, kind: o.type === n.type ? 'same' : 'changed', spans: [{ text: n.text, kind: 'same' }] });
          continue;
        }
        blocks.push({ field, type: n.type, kind: 'changed', spans: attributeChanges(diffWords(o.text, n.text), o, n, writerAt, deleterAt) });
      } else if (pair.new !== null) {
        const n = after[pair.new];
        if (n.text) blocks.push({ field, type: n.type, kind: 'insert', spans: attributeChanges([{ kind: 'insert', text: n.text, oldFrom: 0, newFrom: 0 }], null, n, writerAt, deleterAt) });
      } else if (pair.old !== null) {
        const o = before[pair.old];
        if (o.text) blocks.push({ field, type: o.type, kind: 'delete', spans: attributeChanges([{ kind: 'delete', text: o.text, oldFrom: 0, newFrom: 0 }], o, null, writerAt, deleterAt) });
      }
    }
  }
  return { blocks, authors: [...authors.values()] };
}

type Lookup = (block: TextBlock, offset: number) => Person | undefined;

/**
 * Turns word-diff runs into spans with authors. A run can hold characters nobody changed (a word
 * rewritten by one letter is deleted and inserted whole): those take the author of the nearest changed
 * character in the run, or else of the run beside it in the same change. A run changed by several
 * people is split at each change of hand.
 */
function attributeChanges(runs: TextChange[], older: TextBlock | null, newer: TextBlock | null, writerAt: Lookup, deleterAt: Lookup): DiffSpan[] {
  // Each change (adjacent delete and insert runs) is attributed as a group.
  const perChar = runs.map((run) => {
    if (run.kind === 'same') return [];
    const lookup = run.kind === 'insert' ? (k: number) => writerAt(newer!, run.newFrom + k) : (k: number) => deleterAt(older!, run.oldFrom + k);
    return Array.from(run.text, (_, k) => lookup(k));
  });
  const spans: DiffSpan[] = [];
  for (let r = 0; r < runs.length; r++) {
    const run = runs[r];
    if (run.kind === 'same') {
      spans.push({ text: run.text, kind: 'same' });
      continue;
    }
    const hands = fillGaps(perChar[r], () => {
      const partner = runs[r - 1]?.kind !== 'same' && r > 0 ? perChar[r - 1] : runs[r + 1] && runs[r + 1].kind !== 'same' ? perChar[r + 1] : [];
      return partner.find((p) => p);
    });
    let start = 0;
    for (let k = 1; k <= run.text.length; k++) {
      if (k < run.text.length && hands[k]?.id === hands[start]?.id) continue;
      const by = hands[start];
      spans.push({ text: run.text.slice(start, k), kind: run.kind, ...(by ? { by } : {}) });
      start = k;
    }
  }
  return spans;
}

/** Gives each unattributed character the hand of the nearest attributed one before it (or after it, or the partner's). */
function fillGaps(hands: (Person | undefined)[], partner: () => Person | undefined): (Person | undefined)[] {
  const filled = [...hands];
  const first = filled.find((p) => p) ?? partner();
  let last = first;
  for (let k = 0; k < filled.length; k++) {
    if (filled[k]) last = filled[k];
    else filled[k] = last;
  }
  return filled;
}
