import { describe, expect, it } from 'vitest';
import { bodySchema } from '../schema';
import { contextOf, hiddenSpans, runChecks, textHash, unresolvedCount } from './runChecks';
import { textBlocksOf } from './textBlocks';
import type { CheckInput } from './types';

const input: CheckInput = {
  headline: 'Council approves night buses',
  standfirst: 'The vote was 7 to 2.',
  body: ['The the council met on Nov. 27.', 'Prices rose 4 percent in the wake of the vote.'],
};

describe('runChecks', () => {
  it('lists problems in reading order, with field, block, span, text, context and fix', () => {
    const problems = runChecks(input);
    expect(problems.map((p) => [p.rule, p.field, p.block, p.text, p.fix])).toEqual([
      ['numbers', 'standfirst', 0, '7', 'seven'],
      ['numbers', 'standfirst', 0, '2', 'two'],
      ['doubled_word', 'body', 0, 'The the', 'The'],
      ['date_form', 'body', 0, 'Nov. 27', '27 November'],
      ['per_cent', 'body', 1, 'percent', 'per cent'],
      ['cliche', 'body', 1, 'in the wake of', 'after'],
    ]);
    const date = problems.find((p) => p.rule === 'date_form')!;
    expect(input.body[0].slice(date.from, date.to)).toBe('Nov. 27');
    expect(date.context).toEqual({ before: 'The the council met on ', after: '.' });
    expect(date.message).toMatch(/day before month/);
  });

  it('cuts the context at a word, with an ellipsis where it was cut', () => {
    const text = 'Last year, when Donald Trump turned 79 on June 14, Vladimir Putin called the president to congratulate him.';
    const from = text.indexOf('June 14');
    expect(contextOf(text, from, from + 7)).toEqual({ before: '…when Donald Trump turned 79 on ', after: ', Vladimir Putin called the…' });
    expect(contextOf('On June 14.', 3, 10)).toEqual({ before: 'On ', after: '.' });
    expect(contextOf('A sentence with a lengthyunbrokenwordthatrunspastthelimit here.', 0, 1).after).toBe(' sentence with a…');
  });

  it('gives each problem a stable id from rule, field, block, offset and text', () => {
    const first = runChecks(input).map((p) => p.id);
    expect(runChecks(input).map((p) => p.id)).toEqual(first);
    expect(new Set(first).size).toBe(first.length);
    expect(first[0]).toBe(`numbers:standfirst:0:13:${textHash('7')}`);
    // An edit in another block leaves the ids of this one alone.
    const edited = runChecks({ ...input, body: [input.body[0], `Sadly, ${input.body[1]}`] }).map((p) => p.id);
    expect(edited.filter((id) => id.includes(':body:0:'))).toEqual(first.filter((id) => id.includes(':body:0:')));
  });

  it('marks problems dismissed by rule and text, and counts the rest', () => {
    const dismissal = { id: 9, rule: 'cliche', text: 'in the wake of', reason: 'A quotation.' };
    const problems = runChecks(input, { dismissals: [dismissal, { id: 10, rule: 'per_cent', text: 'in the wake of', reason: 'Wrong rule.' }] });
    expect(problems.filter((p) => p.dismissal).map((p) => [p.rule, p.dismissal])).toEqual([['cliche', dismissal]]);
    expect(unresolvedCount(problems)).toBe(problems.length - 1);
  });

  it('reads nothing inside URLs and email addresses', () => {
    const text = 'See https://example.org/a--b"c  d and mail desk@example.org or example.com/path.';
    expect(hiddenSpans(text).map(([a, b]) => text.slice(a, b))).toEqual(['https://example.org/a--b', 'desk@example.org', 'example.com/path.']);
    expect(runChecks({ headline: '', standfirst: '', body: ["See https://example.org/?id=2&it's and o'neill@example.org."] }).map((p) => p.rule)).toEqual([]);
  });
});

describe('textBlocksOf', () => {
  it('gives each text block its text and position, one character per inline leaf', () => {
    const doc = bodySchema().nodeFromJSON({
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'A heading' }] },
        { type: 'figure', attrs: { src: 'https://img.example/a.jpg', alt: '', caption: '', credit: '' } },
        { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'One' }, { type: 'hardBreak' }, { type: 'text', text: 'the the', marks: [{ type: 'bold' }] }] }] }] },
      ],
    });
    const blocks = textBlocksOf(doc);
    expect(blocks.map((b) => b.text)).toEqual(['A heading', 'One\nthe the']);
    const [problem] = runChecks({ headline: '', standfirst: '', body: blocks.map((b) => b.text) });
    expect(problem).toMatchObject({ rule: 'doubled_word', block: 1, text: 'the the' });
    const at = blocks[problem.block].pos;
    expect(doc.textBetween(at + problem.from, at + problem.to)).toBe('the the');
  });
});
