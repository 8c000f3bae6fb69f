import { describe, expect, it } from 'vitest';
import { groupDigits, wordCountLabel } from './wordCount';

describe('wordCountLabel', () => {
  it('groups digits as en-US does', () => {
    for (const n of [0, 7, 999, 1000, 12_480, 999_999, 1_000_000, 123_456_789]) expect(groupDigits(n)).toBe(n.toLocaleString('en-US'));
  });

  it('says word or words', () => {
    expect(wordCountLabel(1)).toBe('1 word');
    expect(wordCountLabel(0)).toBe('0 words');
    expect(wordCountLabel(12_480)).toBe('12,480 words');
  });
});
