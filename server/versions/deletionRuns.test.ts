import { describe, expect, it } from 'vitest';
import { DeletionRuns } from './deletionRuns';

const d = (clock: number, len = 1, userId = 'ann', client = 7) => ({ articleId: 's', range: { client, clock, len }, userId });

describe('deletion runs', () => {
  it('stores someone holding backspace as one row, rewritten as it grows', () => {
    const runs = new DeletionRuns();
    expect(runs.fold([d(10), d(9), d(8)])).toEqual({ upsert: [{ articleId: 's', client: 7, clock: 8, len: 3, userId: 'ann' }], remove: [] });
    // The next batch grows the stored run backwards: the row moves to its new first clock.
    expect(runs.fold([d(7), d(6)])).toEqual({ upsert: [{ articleId: 's', client: 7, clock: 6, len: 5, userId: 'ann' }], remove: [{ articleId: 's', client: 7, clock: 8 }] });
    // Forwards, it keeps its clock.
    expect(runs.fold([d(11, 2)])).toEqual({ upsert: [{ articleId: 's', client: 7, clock: 6, len: 7, userId: 'ann' }], remove: [] });
  });

  it('starts a new run for another person, another client or a gap', () => {
    const runs = new DeletionRuns();
    const { upsert } = runs.fold([d(10), d(11, 1, 'bob'), d(20, 1, 'bob'), d(5, 1, 'bob', 8)]);
    expect(upsert.map((r) => [r.client, r.clock, r.len, r.userId])).toEqual([
      [7, 10, 1, 'ann'],
      [7, 11, 1, 'bob'],
      [7, 20, 1, 'bob'],
      [8, 5, 1, 'bob'],
    ]);
  });

  it('keeps at most its limit of runs, forgetting the oldest', () => {
    const runs = new DeletionRuns(2);
    runs.fold([d(1, 1, 'ann', 1), d(1, 1, 'ann', 2), d(1, 1, 'ann', 3)]);
    // Client 1's run was forgotten: a neighbour starts a new row instead of growing it.
    expect(runs.fold([d(2, 1, 'ann', 1)]).upsert).toEqual([{ articleId: 's', client: 1, clock: 2, len: 1, userId: 'ann' }]);
  });
});
