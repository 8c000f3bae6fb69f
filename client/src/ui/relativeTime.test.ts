import { describe, expect, it } from 'vitest';
import { relativeTime } from './relativeTime';

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

  it('does not pretend to know a bad timestamp', () => {
    expect(relativeTime('not a date', now)).toBe('—');
  });
});
