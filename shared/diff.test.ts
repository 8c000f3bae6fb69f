import { describe, expect, it } from 'vitest';
import { alignBlocks, commonSubsequence, diffWords, similarity, tokenize, type TextChange } from './diff';

/** The diff as a copy editor reads it: [-deleted-]{+inserted+}. */
const marked = (runs: TextChange[]) => runs.map((r) => (r.kind === 'same' ? r.text : r.kind === 'delete' ? `[-${r.text}-]` : `{+${r.text}+}`)).join('');

/** Rebuilds both sides from the runs, checking the offsets say where each run sits. */
function sides(oldText: string, newText: string, runs: TextChange[]): void {
  let o = '';
  let n = '';
  for (const r of runs) {
    if (r.kind !== 'insert') {
      expect(r.oldFrom).toBe(o.length);
      expect(oldText.slice(r.oldFrom, r.oldFrom + r.text.length)).toBe(r.text);
      o += r.text;
    }
    if (r.kind !== 'delete') {
      expect(r.newFrom).toBe(n.length);
      expect(newText.slice(r.newFrom, r.newFrom + r.text.length)).toBe(r.text);
      n += r.text;
    }
  }
  expect(o).toBe(oldText);
  expect(n).toBe(newText);
}

describe('tokenize', () => {
  it('splits words, spaces and punctuation, keeping inner apostrophes', () => {
    expect(tokenize("The mayor's plan, 2026.")).toEqual(['The', ' ', "mayor's", ' ', 'plan', ',', ' ', '2026', '.']);
    expect(tokenize('')).toEqual([]);
    expect(tokenize('a  \n b').join('')).toBe('a  \n b');
  });
});

describe('commonSubsequence', () => {
  it('finds the longest run of common items in order', () => {
    expect(commonSubsequence([...'ABCBDAB'], [...'BDCABA']).length).toBe(4);
    expect(commonSubsequence([1, 2, 3], [1, 2, 3])).toEqual([
      [0, 0],
      [1, 1],
      [2, 2],
    ]);
    expect(commonSubsequence([], [1])).toEqual([]);
  });
});

describe('diffWords', () => {
  it('marks a replaced word', () => {
    const a = 'The bridge will close for six weeks.';
    const b = 'The bridge will close for eight weeks.';
    const runs = diffWords(a, b);
    expect(marked(runs)).toBe('The bridge will close for [-six-]{+eight+} weeks.');
    sides(a, b, runs);
  });

  it('marks insertions and deletions at either end and in the middle', () => {
    const cases: [string, string, string][] = [
      ['Buses divert.', 'Night buses divert.', '[-Buses-]{+Night buses+} divert.'],
      ['Buses divert.', 'Buses divert through the old town.', 'Buses divert{+ through the old town+}.'],
      ['Buses divert through the old town.', 'Buses divert.', 'Buses divert[- through the old town-].'],
      ['', 'A new paragraph.', '{+A new paragraph.+}'],
      ['Gone.', '', '[-Gone.-]'],
      ['Same text.', 'Same text.', 'Same text.'],
    ];
    for (const [a, b, expected] of cases) {
      const runs = diffWords(a, b);
      expect(marked(runs), `${a} → ${b}`).toBe(expected);
      sides(a, b, runs);
    }
  });

  it('folds a lone space between two changes into one replacement', () => {
    const a = 'a big red car stopped';
    const b = 'a small blue car stopped';
    const runs = diffWords(a, b);
    expect(marked(runs)).toBe('a [-big red-]{+small blue+} car stopped');
    sides(a, b, runs);
  });

  it('keeps separate changes apart', () => {
    const a = 'Night buses on routes 4 and 11 will divert through the old town, adding about eight minutes.';
    const b = 'Night buses on routes 4, 7 and 11 will divert through the old town, adding about ten minutes.';
    const runs = diffWords(a, b);
    expect(marked(runs)).toBe('Night buses on routes 4{+, 7+} and 11 will divert through the old town, adding about [-eight-]{+ten+} minutes.');
    expect(runs.filter((r) => r.kind !== 'same')).toHaveLength(3);
    sides(a, b, runs);
  });

  it('works on any pair of texts (both sides rebuild from the runs)', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const words = ['the', 'desk', 'bridge', 'closed', ',', 'on', 'Monday', '.', 'night'];
    const text = () => Array.from({ length: Math.floor(random() * 12) }, () => words[Math.floor(random() * words.length)]).join(random() < 0.5 ? ' ' : '  ');
    for (let k = 0; k < 300; k++) {
      const a = text();
      const b = text();
      sides(a, b, diffWords(a, b));
    }
  });
});

describe('similarity and alignBlocks', () => {
  it('rates alike texts high and different ones low', () => {
    expect(similarity('abc', 'abc')).toBe(1);
    expect(similarity('The bridge will close for six weeks.', 'The bridge will close for eight weeks.')).toBeGreaterThan(0.8);
    expect(similarity('The bridge will close.', 'Cyclists can still cross.')).toBeLessThan(0.4);
  });

  it('pairs identical blocks, then alike ones, and leaves the rest inserted or deleted', () => {
    const old = ['Headline paragraph.', 'The bridge will close for six weeks.', 'A paragraph that goes.', 'The end.'];
    const next = ['Headline paragraph.', 'A brand new paragraph about cyclists.', 'The bridge will close for eight weeks.', 'The end.'];
    expect(alignBlocks(old, next)).toEqual([
      { old: 0, new: 0 },
      { old: null, new: 1 },
      { old: 1, new: 2 },
      { old: 2, new: null },
      { old: 3, new: 3 },
    ]);
  });

  it('handles empty sides', () => {
    expect(alignBlocks([], ['a'])).toEqual([{ old: null, new: 0 }]);
    expect(alignBlocks(['a'], [])).toEqual([{ old: 0, new: null }]);
    expect(alignBlocks([], [])).toEqual([]);
  });
});
