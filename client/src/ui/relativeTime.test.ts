import { describe, expect, it } from 'vitest';
import { deadlineLabel, fromLocalInputValue, fullTime, relativeTime, toLocalInputValue, tomorrowMorning } from './relativeTime';

const now = Date.parse('2025-03-10T12:00:00Z');
const ago = (ms: number) => new Date(now - ms).toISOString();

describe('relativeTime', () => {
  it('reads like a story list', () => {
    expect(relativeTime(ago(10_000), now)).toBe('just now');
    expect(relativeTime(ago(3 * 60_000), now)).toBe('3 min ago');
    expect(relativeTime(ago(60 * 60_000), now)).toBe('1 hour ago');
    expect(relativeTime(ago(5 * 60 * 60_000), now)).toBe('5 hours ago');
    expect(relativeTime(ago(26 * 60 * 60_000), now)).toBe('yesterday');
    expect(relativeTime(ago(3 * 24 * 60 * 60_000), now)).toBe('3 days ago');
  });

  it('gives an older date as the day, with the year only when it is not this one', () => {
    const lastMonth = new Date(2025, 1, 3, 9, 0);
    const lastYear = new Date(2024, 10, 20, 9, 0);
    expect(relativeTime(lastMonth.toISOString(), now)).toBe(lastMonth.toLocaleDateString(undefined, { day: 'numeric', month: 'short' }));
    expect(relativeTime(lastYear.toISOString(), now)).toBe(lastYear.toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' }));
    expect(relativeTime(lastYear.toISOString(), now)).toContain('2024');
  });

  it('does not pretend to know a bad timestamp', () => {
    expect(relativeTime('not a date', now)).toBe('—');
  });
});

describe('fullTime', () => {
  it('gives the date and the time, the same for each call', () => {
    const at = new Date(2025, 2, 10, 18, 30);
    const expected = at.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
    expect(fullTime(at.toISOString())).toBe(expected);
    expect(fullTime(at.toISOString())).toBe(expected);
    expect(fullTime(new Date(2024, 0, 2, 7, 5).toISOString())).toContain('2024');
  });

  it('is empty for a bad timestamp', () => {
    expect(fullTime('not a date')).toBe('');
  });
});

describe('deadlineLabel', () => {
  const at = (ms: number) => new Date(now + ms).toISOString();

  it('counts down to a deadline', () => {
    expect(deadlineLabel(at(40 * 60_000), now)).toEqual({ text: 'in 40 min', overdue: false });
    expect(deadlineLabel(at(5 * 60 * 60_000), now)).toEqual({ text: 'in 5 h', overdue: false });
    expect(deadlineLabel(at(3 * 24 * 60 * 60_000), now)).toEqual({ text: 'in 3 days', overdue: false });
  });

  it('says how long a missed deadline is overdue', () => {
    expect(deadlineLabel(at(-20 * 60_000), now)).toEqual({ text: '20 min overdue', overdue: true });
    expect(deadlineLabel(at(-26 * 60 * 60_000), now)).toEqual({ text: '1 day overdue', overdue: true });
  });
});

describe('datetime-local values', () => {
  it('round-trips a time through the input', () => {
    const iso = new Date(2025, 2, 10, 18, 30).toISOString();
    expect(toLocalInputValue(iso)).toBe('2025-03-10T18:30');
    expect(fromLocalInputValue('2025-03-10T18:30')).toBe(iso);
    expect(toLocalInputValue(null)).toBe('');
    expect(fromLocalInputValue('')).toBeNull();
  });

  it('proposes tomorrow at seven in the morning', () => {
    const proposed = tomorrowMorning(new Date(2025, 2, 10, 22, 15));
    expect([proposed.getDate(), proposed.getHours(), proposed.getMinutes()]).toEqual([11, 7, 0]);
  });
});
