import { describe, expect, it } from 'vitest';
import { publishChecklist, type ChecklistFacts } from '../checklist';
import { HeadlineBounds, HouseStyleRules, matchCase, startsSentence, wordsToNumber } from './houseStyle';
import { runChecks } from './runChecks';
import type { CheckField } from './types';

/** The problems one rule finds in a body paragraph (or another field), as `text → fix`. */
function flagged(ruleId: string, text: string, field: CheckField = 'body'): string[] {
  const rule = HouseStyleRules.find((r) => r.id === ruleId)!;
  const input = { headline: field === 'headline' ? text : '', standfirst: field === 'standfirst' ? text : '', body: field === 'body' ? [text] : [] };
  return runChecks(input, { rules: [rule] }).map((p) => (p.fix === undefined ? p.text : `${p.text} → ${p.fix}`));
}

describe('house style: every rule flags its own examples and leaves its others alone', () => {
  it('lists the rules in the panel’s order, each described', () => {
    expect(HouseStyleRules.map((r) => r.id)).toEqual([
      'doubled_word',
      'per_cent',
      'per_cent_sign',
      'numbers',
      'age_form',
      'date_form',
      'cliche',
      'headline_length',
      'double_space',
      'straight_quotes',
    ]);
    for (const rule of HouseStyleRules) expect(rule.description.length, rule.id).toBeGreaterThan(10);
  });

  // Each rule carries its examples, so a rule added without a text it flags and one it passes fails here.
  describe.each(HouseStyleRules.map((rule) => [rule.id, rule] as const))('%s', (id, rule) => {
    const field = rule.fields?.[0] ?? 'body';
    it('has a text it flags and a text it leaves alone', () => {
      expect(rule.examples.flags.length, id).toBeGreaterThan(0);
      expect(rule.examples.passes.length, id).toBeGreaterThan(0);
    });
    it.each(rule.examples.flags)(`flags %j in the ${field}`, (text) => {
      expect(flagged(id, text, field)).not.toEqual([]);
    });
    it.each(rule.examples.passes)(`leaves %j alone in the ${field}`, (text) => {
      expect(flagged(id, text, field)).toEqual([]);
    });
  });

  it('doubled words', () => {
    expect(flagged('doubled_word', 'The council met on the the first day.')).toEqual(['the the → the']);
    expect(flagged('doubled_word', 'The the council met.')).toEqual(['The the → The']);
    expect(flagged('doubled_word', 'She had had enough; he said that that was final. The theme is then there.')).toEqual([]);
  });

  it('“per cent”, not “percent”', () => {
    expect(flagged('per_cent', 'Prices rose 4 percent. Percent figures vary.')).toEqual(['percent → per cent', 'Percent → Per cent']);
    expect(flagged('per_cent', 'Prices rose 4 per cent; the percentage is high.')).toEqual([]);
  });

  it('“5 per cent” rather than “5%” in running text, not in headlines', () => {
    expect(flagged('per_cent_sign', 'Inflation fell to 3.2% and then 3 %.')).toEqual(['2% → 2 per cent', '3 % → 3 per cent']);
    expect(flagged('per_cent_sign', 'Inflation falls to 3.2%', 'headline')).toEqual([]);
    expect(flagged('per_cent_sign', 'Inflation fell to 3.2 per cent.')).toEqual([]);
  });

  it('numbers one to nine in words', () => {
    expect(flagged('numbers', 'The council has 7 members and 3 of them voted.')).toEqual(['7 → seven', '3 → three']);
    expect(flagged('numbers', '4 people were hurt.')).toEqual(['4 → Four']);
    expect(flagged('numbers', 'They bought 5 or 6 buses.')).toEqual(['5 → five', '6 → six']);
  });

  it('keeps figures in ages, dates, percentages, times, scores, ranges, measurements, money and labels', () => {
    const keep = [
      'Mia, 5, was at home. She is aged 7 and her brother is a 4-year-old.',
      'It opens on 5 June and closed on June 5. It ended on the 3rd.',
      'Turnout rose by 5% and 6 per cent.',
      'The bus leaves at 5pm, at 6 pm, at 7:30 and at 9.15.',
      'City won 3-1 and 2–0; they lost 4 goals to 1.',
      'Between 5 and 12 people; from 2 to 20 km.',
      'A 5km race, 3 miles, 8 kg, 2 metres, 6 mph, 1.5 litres.',
      'It cost £5, $3 or 4 euros; 3,000 people came, and 2.5 million watched.',
      'See page 4, chapter 9, No. 7, Article 5 and Year 9.',
      'The flat costs 250 a week; 10 people and 1,200 more came in 2026.',
      'Follow A4 and the M5, then the 5G mast.',
    ];
    for (const text of keep) expect(flagged('numbers', text), text).toEqual([]);
    expect(flagged('numbers', 'The minister has 3 aides.', 'headline')).toEqual([]);
  });

  it('ages in house form', () => {
    expect(flagged('age_form', 'The man, 34 years old, was a 34 year old teacher and a 35-year old father.')).toEqual([
      '34 years old → aged 34',
      '34 year old → 34-year-old',
      '35-year old → 35-year-old',
    ]);
    expect(flagged('age_form', 'A thirty-four-year-old woman, aged thirty-four, and a man age five.')).toEqual([
      'thirty-four-year-old → 34-year-old',
      'aged thirty-four → aged 34',
      'age five → age 5',
    ]);
    expect(flagged('age_form', 'Ana Silva, aged 34, is a 34-year-old nurse; the 10-year plan is old.')).toEqual([]);
  });

  it('dates in house form', () => {
    expect(flagged('date_form', 'He turned 73 on October 7 and met her on Nov. 27, 2025 and on 27th November and the 1st of Dec. and 3 Sept.')).toEqual([
      'October 7 → 7 October',
      'Nov. 27, 2025 → 27 November 2025',
      '27th November → 27 November',
      '1st of Dec. → 1 December',
      '3 Sept. → 3 September',
    ]);
    expect(flagged('date_form', 'On 27 November 2026, in March 2020, you may 5 times say May is warm. The 1st floor.')).toEqual([]);
  });

  it('clichés', () => {
    expect(flagged('cliche', 'In the wake of the vote, critics slammed the war-torn plan. At the end of the day, it passed.')).toEqual([
      'In the wake of → After',
      'slammed → attacked',
      'war-torn',
      'At the end of the day',
    ]);
    expect(flagged('cliche', 'After the vote, critics criticised the plan; the wake was held at the end of the street.')).toEqual([]);
  });

  it('headline length, with the publish checklist’s bounds', () => {
    expect(flagged('headline_length', 'Too short', 'headline')).toEqual(['Too short']);
    expect(flagged('headline_length', 'x'.repeat(111), 'headline')).toEqual(['x'.repeat(111)]);
    expect(flagged('headline_length', 'Harbour bridge to close for repairs', 'headline')).toEqual([]);
    expect(flagged('headline_length', 'Too short', 'body')).toEqual([]);
    const facts: ChecklistFacts = { headline: '', standfirst: 's', bylineCount: 1, bodyWordCount: 60, hero: null, openSuggestions: 0, openThreads: 0, unresolvedChecks: 0 };
    for (const length of [HeadlineBounds.min - 1, HeadlineBounds.min, HeadlineBounds.max, HeadlineBounds.max + 1]) {
      const headline = 'h'.repeat(length);
      const checklistOk = publishChecklist({ ...facts, headline }).find((i) => i.rule === 'headline_length')!.ok;
      expect(flagged('headline_length', headline, 'headline').length === 0, `${length} characters`).toBe(checklistOk);
    }
  });

  it('double spaces', () => {
    expect(flaggedSpaces('The  council   met.')).toEqual(['3-5:" "', '12-15:" "']);
    expect(flagged('double_space', 'The council met. Then it rose.')).toEqual([]);
  });

  it('straight quotes', () => {
    expect(flagged('straight_quotes', `He said "it's over" and 'enough'; in the '90s.`)).toEqual([
      '" → “',
      "' → ’",
      '" → ”',
      "' → ‘",
      "' → ’",
      "' → ’",
    ]);
    expect(flagged('straight_quotes', 'He said “it’s over”; she is 5\'11" tall.')).toEqual([]);
  });
});

/** The double-space problems as `[from, to, fix]`, since the texts are spaces. */
function flaggedSpaces(text: string): string[] {
  return runChecks({ headline: '', standfirst: '', body: [text] }, { rules: HouseStyleRules.filter((r) => r.id === 'double_space') }).map((p) => `${p.from}-${p.to}:${JSON.stringify(p.fix)}`);
}

describe('helpers', () => {
  it('reads numbers in words', () => {
    expect(wordsToNumber('thirty-four')).toBe(34);
    expect(wordsToNumber('nineteen')).toBe(19);
    expect(wordsToNumber('five')).toBe(5);
    expect(wordsToNumber('lots')).toBeUndefined();
  });

  it('keeps the case of the text it replaces', () => {
    expect(matchCase('Percent', 'per cent')).toBe('Per cent');
    expect(matchCase('PCT', 'per cent')).toBe('PER CENT');
    expect(matchCase('slammed', 'criticised')).toBe('criticised');
  });

  it('knows where sentences start', () => {
    const text = 'He left. “Then she came.” And (Also this)';
    expect(startsSentence(text, 0)).toBe(true);
    expect(startsSentence(text, text.indexOf('Then'))).toBe(true);
    expect(startsSentence(text, text.indexOf('she'))).toBe(false);
    expect(startsSentence(text, text.indexOf('Also'))).toBe(false);
  });
});
