import { describe, expect, it } from 'vitest';
import { CaretPalette, colorFor, initialsOf } from './people';

describe('colorFor', () => {
  it('gives one user the same colour every time, from the palette', () => {
    expect(colorFor('u-123')).toBe(colorFor('u-123'));
    expect(CaretPalette).toContain(colorFor('u-123'));
  });

  it('spreads a newsroom over several colours', () => {
    const colours = new Set(Array.from({ length: 20 }, (_, i) => colorFor(`user-${i}`)));
    expect(colours.size).toBeGreaterThan(4);
  });
});

describe('initialsOf', () => {
  it('takes the first and last initials', () => {
    expect(initialsOf('Ada Byron Lovelace')).toBe('AL');
    expect(initialsOf('  dmitry ')).toBe('D');
    expect(initialsOf('')).toBe('?');
  });
});
