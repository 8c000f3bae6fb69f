import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Person } from '../../shared/api';
import { AuthorIndex, attributeDeletions, type DeletedRange } from './AuthorshipStore';
import { addToDeletionSet, decodeDeletionSet, encodeDeletionSet, foldIntoBlob, mergeRanges, type DeletionSet } from './deletionSets';

const rosa: Person = { id: 'rosa', name: 'Rosa Okafor', color: '#111' };
const ines: Person = { id: 'ines', name: 'Inès Moreau', color: '#222' };

/** Every range of a set, flattened. */
const flat = (set: DeletionSet): DeletedRange[] => [...set].flatMap(([client, ranges]) => ranges.map((r) => ({ client, ...r })));

describe('deletion sets', () => {
  it('sorts ranges and joins those that overlap or touch', () => {
    expect(mergeRanges([{ clock: 10, len: 2 }, { clock: 0, len: 3 }, { clock: 3, len: 1 }, { clock: 11, len: 5 }, { clock: 30, len: 1 }, { clock: 12, len: 1 }])).toEqual([
      { clock: 0, len: 4 },
      { clock: 10, len: 6 },
      { clock: 30, len: 1 },
    ]);
  });

  it('reads back what it wrote, 32-bit clients and large clocks included, in a few bytes per range', () => {
    const set: DeletionSet = new Map([
      [4_000_000_000, [{ clock: 0, len: 1 }, { clock: 2, len: 3 }, { clock: 2 ** 40, len: 7 }]],
      [7, [{ clock: 5, len: 1 }]],
    ]);
    expect(decodeDeletionSet(encodeDeletionSet(set))).toEqual(set);
    // A backspace every few characters across a long story: a byte or two for each gap and length.
    const many: DeletionSet = new Map([[123_456_789, Array.from({ length: 2_000 }, (_, i) => ({ clock: i * 40, len: 1 + (i % 20) }))]]);
    const blob = encodeDeletionSet(many);
    expect(decodeDeletionSet(blob)).toEqual(many);
    expect(blob.byteLength).toBeLessThan(2_000 * 2 + 16);
  });

  it('refuses to write ranges that are not merged, and a blob cut short', () => {
    expect(() => encodeDeletionSet(new Map([[1, [{ clock: 5, len: 3 }, { clock: 6, len: 1 }]]]))).toThrow();
    const blob = encodeDeletionSet(new Map([[1, [{ clock: 5, len: 300 }]]]));
    expect(() => decodeDeletionSet(blob.slice(0, blob.length - 1))).toThrow();
  });

  it('folds rows into a stored blob, so that the blob holds exactly the union', () => {
    const first = foldIntoBlob(null, [
      { client: 1, clock: 10, len: 2 },
      { client: 2, clock: 0, len: 1 },
    ]);
    const second = foldIntoBlob(first, [
      { client: 1, clock: 12, len: 1 },
      { client: 1, clock: 3, len: 1 },
      // A run rewritten after the fold covers what was folded: still one range.
      { client: 1, clock: 9, len: 5 },
      { client: 3, clock: 4, len: 2 },
    ]);
    expect(decodeDeletionSet(second)).toEqual(
      new Map([
        [1, [{ clock: 3, len: 1 }, { clock: 9, len: 5 }]],
        [2, [{ clock: 0, len: 1 }]],
        [3, [{ clock: 4, len: 2 }]],
      ]),
    );
  });

  it('folded from each transaction’s deletions, equals the delete set Yjs keeps for the doc', () => {
    const doc = new Y.Doc();
    const text = doc.getText('t');
    const set: DeletionSet = new Map();
    doc.on('afterTransaction', (tr: Y.Transaction) => {
      const ranges: DeletedRange[] = [];
      tr.deleteSet.clients.forEach((items, client) => items.forEach(({ clock, len }) => ranges.push({ client, clock, len })));
      addToDeletionSet(set, ranges);
    });
    let seed = 7;
    const random = (n: number) => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) % n;
    for (let i = 0; i < 3_000; i++) {
      if (text.length > 20 && random(3) === 0) text.delete(random(text.length - 5), 1 + random(5));
      else text.insert(random(text.length + 1), 'abcdefgh'.slice(0, 1 + random(8)));
    }
    const expected: DeletionSet = new Map();
    Y.createDeleteSetFromStructStore(doc.store).clients.forEach((items, client) => expected.set(client, mergeRanges(items.map(({ clock, len }) => ({ clock, len })))));
    expect(decodeDeletionSet(encodeDeletionSet(set))).toEqual(expected);
  });
});

describe('who deleted what, folded', () => {
  // Rosa and Inès delete interleaved ranges of one client: 0–4 Rosa, 5–9 Inès, 10–14 Rosa, 15–19 Inès.
  const rosaRows = [
    { client: 9, clock: 0, len: 5 },
    { client: 9, clock: 10, len: 5 },
  ];
  const inesRows = [
    { client: 9, clock: 5, len: 5 },
    { client: 9, clock: 15, len: 5 },
  ];
  const expected = (clock: number) => (clock < 20 ? (Math.floor(clock / 5) % 2 ? 'ines' : 'rosa') : undefined);
  const deleters = (index: AuthorIndex) => Array.from({ length: 25 }, (_, clock) => index.deleter(9, clock)?.id);
  const withBy = (ranges: DeletedRange[], by: Person) => ranges.map((r) => ({ ...r, by }));
  const fromBlob = (blob: Uint8Array, by: Person) => withBy(flat(decodeDeletionSet(blob)), by);

  it('credits each id to the same person from rows and from folded sets', () => {
    const fromRows = new AuthorIndex(new Map(), attributeDeletions([...withBy(rosaRows, rosa), ...withBy(inesRows, ines)]));
    const folded = new AuthorIndex(new Map(), attributeDeletions([...fromBlob(foldIntoBlob(null, rosaRows), rosa), ...fromBlob(foldIntoBlob(null, inesRows), ines)]));
    const want = Array.from({ length: 25 }, (_, clock) => expected(clock));
    expect(deleters(fromRows)).toEqual(want);
    expect(deleters(folded)).toEqual(want);
  });

  it('credits runs recorded after a fold, overlapping their folded part or not', () => {
    const rosaSet = foldIntoBlob(null, rosaRows);
    const inesSet = foldIntoBlob(null, inesRows);
    // After the fold Inès keeps deleting past 19: her run's row is rewritten whole (15–22), covering
    // what was folded. Rosa then deletes 23–24, a row of its own.
    const index = new AuthorIndex(
      new Map(),
      attributeDeletions([...fromBlob(rosaSet, rosa), ...fromBlob(inesSet, ines), { client: 9, clock: 15, len: 8, by: ines }, { client: 9, clock: 23, len: 2, by: rosa }]),
    );
    expect(Array.from({ length: 30 }, (_, clock) => index.deleter(9, clock)?.id)).toEqual(
      Array.from({ length: 30 }, (_, clock) => (clock < 20 ? expected(clock) : clock < 23 ? 'ines' : clock < 25 ? 'rosa' : undefined)),
    );
  });

  it('finds every id when two people’s ranges overlap, the earlier start keeping the overlap', () => {
    const index = new AuthorIndex(
      new Map(),
      attributeDeletions([
        { client: 1, clock: 0, len: 100, by: rosa },
        { client: 1, clock: 10, len: 2, by: ines },
        { client: 1, clock: 99, len: 3, by: ines },
      ]),
    );
    expect([0, 10, 11, 50, 98, 99, 100, 101, 102].map((clock) => index.deleter(1, clock)?.id)).toEqual(['rosa', 'rosa', 'rosa', 'rosa', 'rosa', 'rosa', 'ines', 'ines', undefined]);
  });
});
