/**
 * Word diffs of a story's text: which blocks of two versions correspond, and within a pair of blocks
 * which words were kept, deleted and inserted. Pure and isomorphic: the server attributes the result,
 * the client only draws it.
 */

/** What happened to a piece of text between two versions. */
export type DiffKind = 'same' | 'insert' | 'delete';

/** A run of text in a block diff, with where it sits in the old text (same, delete) and the new (same, insert). */
export interface TextChange {
  kind: DiffKind;
  text: string;
  /** Offset of this run in the old text; for an insertion, where it goes. */
  oldFrom: number;
  /** Offset of this run in the new text; for a deletion, where it was. */
  newFrom: number;
}

/** How the blocks of two versions correspond: a pair, or a block only one side has. */
export type BlockPairing = { old: number; new: number } | { old: number; new: null } | { old: null; new: number };

/** Above this many cells the middle of a diff is not searched for common words: it is replaced whole. */
const MaxCells = 4_000_000;

/** Words, runs of spaces and single punctuation marks: the units a copy editor reads a change in. */
export function tokenize(text: string): string[] {
  return text.match(/[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*|\s+|[^\s\p{L}\p{N}]/gu) ?? [];
}

/**
 * The longest common subsequence of two sequences, as pairs of indexes (in order). Common ends are
 * matched first; a middle too large to search is left unmatched.
 */
export function commonSubsequence<T>(a: readonly T[], b: readonly T[], equal: (x: T, y: T) => boolean = Object.is): [number, number][] {
  let start = 0;
  while (start < a.length && start < b.length && equal(a[start], b[start])) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && equal(a[endA - 1], b[endB - 1])) {
    endA--;
    endB--;
  }
  const pairs: [number, number][] = [];
  for (let i = 0; i < start; i++) pairs.push([i, i]);
  const n = endA - start;
  const m = endB - start;
  if (n > 0 && m > 0 && n * m <= MaxCells) {
    // lengths[i][j]: the LCS length of a[start+i..endA) and b[start+j..endB), one flat array.
    const width = m + 1;
    const lengths = new Uint32Array((n + 1) * width);
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        lengths[i * width + j] = equal(a[start + i], b[start + j]) ? lengths[(i + 1) * width + j + 1] + 1 : Math.max(lengths[(i + 1) * width + j], lengths[i * width + j + 1]);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n && j < m) {
      if (equal(a[start + i], b[start + j])) {
        pairs.push([start + i, start + j]);
        i++;
        j++;
      } else if (lengths[(i + 1) * width + j] >= lengths[i * width + j + 1]) i++;
      else j++;
    }
  }
  for (let k = 0; k < a.length - endA; k++) pairs.push([endA + k, endB + k]);
  return pairs;
}

/**
 * The word diff of two texts: runs of kept, deleted and inserted text, in reading order (in a change,
 * the deletion comes before the insertion). A lone space between two changes is folded into them, so
 * "big red car" → "small blue car" reads as one replacement.
 */
export function diffWords(oldText: string, newText: string): TextChange[] {
  const a = tokenize(oldText);
  const b = tokenize(newText);
  const raw: Run[] = [];
  const push = (kind: DiffKind, text: string) => {
    if (!text) return;
    const last = raw[raw.length - 1];
    if (last?.kind === kind) last.text += text;
    else raw.push({ kind, text });
  };
  let i = 0;
  let j = 0;
  for (const [pi, pj] of [...commonSubsequence(a, b), [a.length, b.length] as [number, number]]) {
    push('delete', a.slice(i, pi).join(''));
    push('insert', b.slice(j, pj).join(''));
    if (pi < a.length) push('same', a[pi]);
    i = pi + 1;
    j = pj + 1;
  }
  // Where each run sits, once the runs are final.
  let oldAt = 0;
  let newAt = 0;
  return foldSpaces(raw).map((run) => {
    const placed = { ...run, oldFrom: oldAt, newFrom: newAt };
    if (run.kind !== 'insert') oldAt += run.text.length;
    if (run.kind !== 'delete') newAt += run.text.length;
    return placed;
  });
}

interface Run {
  kind: DiffKind;
  text: string;
}

/**
 * Folds a run of spaces kept between two changes into them. When both sides of the folded change
 * still end (or start) with that space, it stays kept there: "4 and" → "4, 7 and" reads as one insertion
 * of ", 7", not as a replaced space.
 */
function foldSpaces(runs: Run[]): Run[] {
  const out: Run[] = [];
  for (let k = 0; k < runs.length; k++) {
    const run = runs[k];
    const changeBefore = out.length > 0 && out[out.length - 1].kind !== 'same';
    const changeAfter = k + 1 < runs.length && runs[k + 1].kind !== 'same';
    if (!(run.kind === 'same' && /^\s+$/.test(run.text) && changeBefore && changeAfter)) {
      out.push({ ...run });
      continue;
    }
    let oldSide = '';
    let newSide = '';
    while (out.length && out[out.length - 1].kind !== 'same') {
      const popped = out.pop()!;
      if (popped.kind === 'delete') oldSide = popped.text + oldSide;
      else newSide = popped.text + newSide;
    }
    oldSide += run.text;
    newSide += run.text;
    while (k + 1 < runs.length && runs[k + 1].kind !== 'same') {
      const next = runs[++k];
      if (next.kind === 'delete') oldSide += next.text;
      else newSide += next.text;
    }
    const space = run.text;
    const change = (oldText: string, newText: string) => {
      if (oldText) out.push({ kind: 'delete', text: oldText });
      if (newText) out.push({ kind: 'insert', text: newText });
    };
    if (oldSide.endsWith(space) && newSide.endsWith(space)) {
      change(oldSide.slice(0, -space.length), newSide.slice(0, -space.length));
      out.push({ kind: 'same', text: space });
    } else if (oldSide.startsWith(space) && newSide.startsWith(space)) {
      const last = out[out.length - 1];
      if (last?.kind === 'same') last.text += space;
      else out.push({ kind: 'same', text: space });
      change(oldSide.slice(space.length), newSide.slice(space.length));
    } else change(oldSide, newSide);
  }
  // Neighbouring kept runs (a space that stayed kept beside a kept word) read as one.
  return out.reduce<Run[]>((merged, run) => {
    const last = merged[merged.length - 1];
    if (last && last.kind === run.kind) last.text += run.text;
    else merged.push(run);
    return merged;
  }, []);
}

/**
 * How alike two texts are, 0 to 1: the share of their words and punctuation they have in common,
 * counted as bags (order left out, so that pairing many blocks stays cheap).
 */
export function similarity(a: string, b: string): number {
  if (a === b) return 1;
  // Spaces are left out: every sentence has them, so they would make any two look alike.
  const ta = tokenize(a).filter((t) => !/^\s+$/.test(t));
  const tb = tokenize(b).filter((t) => !/^\s+$/.test(t));
  if (!ta.length || !tb.length) return 0;
  const counts = new Map<string, number>();
  for (const t of ta) counts.set(t, (counts.get(t) ?? 0) + 1);
  let common = 0;
  for (const t of tb) {
    const n = counts.get(t) ?? 0;
    if (n > 0) {
      common++;
      counts.set(t, n - 1);
    }
  }
  return (2 * common) / (ta.length + tb.length);
}

/** Blocks this alike are shown as one changed block rather than one deleted and one inserted. */
const PairedSimilarity = 0.4;

/**
 * Which blocks of two versions correspond, in reading order. Identical blocks pair first (the longest
 * common run of them); between those, blocks pair with the most alike block in order, when alike
 * enough; the rest were inserted or deleted.
 */
export function alignBlocks(oldBlocks: readonly string[], newBlocks: readonly string[]): BlockPairing[] {
  const same = commonSubsequence(oldBlocks, newBlocks);
  const out: BlockPairing[] = [];
  let i = 0;
  let j = 0;
  const gap = (toI: number, toJ: number) => {
    out.push(...alignGap(oldBlocks, newBlocks, i, toI, j, toJ));
    i = toI;
    j = toJ;
  };
  for (const [pi, pj] of same) {
    gap(pi, pj);
    out.push({ old: pi, new: pj });
    i = pi + 1;
    j = pj + 1;
  }
  gap(oldBlocks.length, newBlocks.length);
  return out;
}

/** Pairs the blocks of one stretch by likeness, keeping their order (a weighted alignment). */
function alignGap(a: readonly string[], b: readonly string[], fromA: number, toA: number, fromB: number, toB: number): BlockPairing[] {
  const n = toA - fromA;
  const m = toB - fromB;
  if (n === 0 || m === 0 || n * m > 2_500) {
    return [...Array.from({ length: n }, (_, k) => ({ old: fromA + k, new: null })), ...Array.from({ length: m }, (_, k) => ({ old: null, new: fromB + k }))];
  }
  const sim = (i: number, j: number) => similarity(a[fromA + i], b[fromB + j]);
  const width = m + 1;
  const score = new Float64Array((n + 1) * width);
  const likeness = new Float64Array(n * m);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      const s = sim(i, j);
      likeness[i * m + j] = s;
      const pair = s >= PairedSimilarity ? score[(i + 1) * width + j + 1] + s : -1;
      score[i * width + j] = Math.max(pair, score[(i + 1) * width + j], score[i * width + j + 1]);
    }
  }
  const out: BlockPairing[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    const s = likeness[i * m + j];
    if (s >= PairedSimilarity && score[i * width + j] === score[(i + 1) * width + j + 1] + s) {
      out.push({ old: fromA + i, new: fromB + j });
      i++;
      j++;
    } else if (score[(i + 1) * width + j] >= score[i * width + j + 1]) out.push({ old: fromA + i++, new: null });
    else out.push({ old: null, new: fromB + j++ });
  }
  while (i < n) out.push({ old: fromA + i++, new: null });
  while (j < m) out.push({ old: null, new: fromB + j++ });
  return out;
}
