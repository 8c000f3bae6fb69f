import { describe, expect, it } from 'vitest';
import { failingRules, publishChecklist, type ChecklistFacts } from './checklist';

const ready: ChecklistFacts = {
  headline: 'Harbour bridge to close for repairs',
  standfirst: 'Six weeks of night closures.',
  bylineCount: 1,
  bodyWordCount: 60,
  hero: null,
  openSuggestions: 0,
  openThreads: 0,
  unresolvedChecks: 0,
};
const failing = (facts: Partial<ChecklistFacts>) => failingRules(publishChecklist({ ...ready, ...facts })).map((i) => i.rule);

describe('publishChecklist', () => {
  it('passes a story that is ready', () => {
    expect(failing({})).toEqual([]);
  });

  it('flags each rule on its own', () => {
    expect(failing({ headline: 'Too short' })).toEqual(['headline_length']);
    expect(failing({ headline: 'x'.repeat(111) })).toEqual(['headline_length']);
    expect(failing({ headline: 'x'.repeat(110) })).toEqual([]);
    expect(failing({ standfirst: '  ' })).toEqual(['standfirst']);
    expect(failing({ bylineCount: 0 })).toEqual(['byline']);
    expect(failing({ bodyWordCount: 49 })).toEqual(['body_length']);
    expect(failing({ hero: { src: 'https://img.example/a.jpg', alt: 'The bridge', credit: '' } })).toEqual(['hero_image']);
    expect(failing({ hero: { src: 'https://img.example/a.jpg', alt: '', credit: 'Photo: A. Lee' } })).toEqual(['hero_image']);
    expect(failing({ hero: { src: 'https://img.example/a.jpg', alt: 'The bridge', credit: 'Photo: A. Lee' } })).toEqual([]);
    expect(failing({ openSuggestions: 2 })).toEqual(['suggestions']);
    expect(failing({ openThreads: 1 })).toEqual(['comments']);
    expect(failing({ unresolvedChecks: 3 })).toEqual(['checks']);
  });

  it('says what is wrong in words a desk understands', () => {
    const item = publishChecklist({ ...ready, bodyWordCount: 12 }).find((i) => i.rule === 'body_length')!;
    expect(item.message).toBe('A body of at least 50 words (now 12).');
  });
});
