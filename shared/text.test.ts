import { describe, expect, it } from 'vitest';
import { countWords, plainText, wordCountOf } from './text';

describe('countWords', () => {
  it('counts words, not punctuation or spaces', () => {
    expect(countWords('')).toBe(0);
    expect(countWords('   \n ')).toBe(0);
    expect(countWords('Putin turned 73 on October 7.')).toBe(6);
    expect(countWords('“No, there were no congratulations,” he said — twice.')).toBe(8);
  });

  it('keeps contractions, hyphenated words and decimals as one word', () => {
    expect(countWords("It’s a long-range missile, don't worry: 3.5 per cent")).toBe(9);
  });
});

describe('plainText', () => {
  it('separates blocks so that words in adjacent paragraphs do not run together', () => {
    const doc = {
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'Kremlin' }] },
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'says' }] },
        {
          type: 'bulletList',
          content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'no' }] }] }],
        },
      ],
    };
    expect(plainText(doc).split(/\s+/).filter(Boolean)).toEqual(['Kremlin', 'says', 'no']);
    expect(wordCountOf(doc)).toBe(3);
  });

  it('reads an empty or missing document as no words', () => {
    expect(wordCountOf(null)).toBe(0);
    expect(wordCountOf({ type: 'doc', content: [{ type: 'paragraph' }] })).toBe(0);
  });
});
