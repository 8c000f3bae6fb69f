import { describe, expect, it } from 'vitest';
import { normalizeLinkTarget } from './links';

describe('normalizeLinkTarget', () => {
  it('keeps web and mail links', () => {
    expect(normalizeLinkTarget('https://example.com/a?b=1')).toBe('https://example.com/a?b=1');
    expect(normalizeLinkTarget('http://example.com')).toBe('http://example.com/');
    expect(normalizeLinkTarget('mailto:desk@paper.com')).toBe('mailto:desk@paper.com');
  });

  it('adds the scheme people leave out', () => {
    expect(normalizeLinkTarget('reuters.com/world')).toBe('https://reuters.com/world');
    expect(normalizeLinkTarget('desk@paper.com')).toBe('mailto:desk@paper.com');
  });

  it('refuses everything else', () => {
    expect(normalizeLinkTarget('javascript:alert(1)')).toBeNull();
    expect(normalizeLinkTarget('data:text/html,hi')).toBeNull();
    expect(normalizeLinkTarget('ftp://example.com')).toBeNull();
    expect(normalizeLinkTarget('not a link')).toBeNull();
    expect(normalizeLinkTarget('   ')).toBeNull();
  });
});
