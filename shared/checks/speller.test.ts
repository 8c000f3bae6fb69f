import { describe, expect, it } from 'vitest';
import { fixesInInstalments } from './speller';
import type { Speller } from './types';

describe('fixes in instalments', () => {
  it('looks for new fixes only while a run’s budget lasts, and keeps what it found for later runs', () => {
    let clock = 0;
    const asked: string[] = [];
    // Each suggestion costs 10 ms on this clock.
    const slow: Speller = {
      correct: () => false,
      suggest: (word) => {
        asked.push(word);
        clock += 10;
        return [`${word}!`];
      },
    };
    const fixes = fixesInInstalments(slow, 25, () => clock);
    const first = fixes.forRun();
    expect(['a', 'b', 'c', 'd'].map((w) => first.speller.suggest(w))).toEqual([['a!'], ['b!'], ['c!'], []]);
    expect(first.unfinished()).toBe(true);
    const second = fixes.forRun();
    expect(['a', 'b', 'c', 'd'].map((w) => second.speller.suggest(w))).toEqual([['a!'], ['b!'], ['c!'], ['d!']]);
    expect(second.unfinished()).toBe(false);
    expect(asked).toEqual(['a', 'b', 'c', 'd']);
  });
});
