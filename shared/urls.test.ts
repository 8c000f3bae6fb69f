import { describe, expect, it } from 'vitest';
import { safeImage, safeLink } from './urls';

describe('safeLink', () => {
  it('keeps http, https, mailto and relative links', () => {
    expect(safeLink('https://example.org/a')).toBe('https://example.org/a');
    expect(safeLink('HTTP://example.org')).toBe('HTTP://example.org');
    expect(safeLink('mailto:desk@example.org')).toBe('mailto:desk@example.org');
    expect(safeLink('/news/other-story')).toBe('/news/other-story');
  });

  it('drops script and data links, however they are disguised', () => {
    for (const bad of ['javascript:alert(1)', ' JavaScript:alert(1)', 'java\tscript:alert(1)', 'data:text/html,<script>', 'vbscript:x', 'file:///etc/passwd']) {
      expect(safeLink(bad), bad).toBeNull();
    }
    expect(safeLink('')).toBeNull();
    expect(safeLink(undefined)).toBeNull();
  });
});

describe('safeImage', () => {
  it('allows only http(s) and relative sources', () => {
    expect(safeImage('https://cdn.example.org/a.jpg')).toBe('https://cdn.example.org/a.jpg');
    expect(safeImage('mailto:x@example.org')).toBeNull();
    expect(safeImage('data:image/svg+xml,<svg onload=alert(1)>')).toBeNull();
    expect(safeImage('/images/bridge.jpg')).toBe('/images/bridge.jpg');
    expect(safeImage('<img src=x onerror=alert(1)>')).toBeNull();
    expect(safeImage('photo.jpg')).toBeNull();
  });
});
