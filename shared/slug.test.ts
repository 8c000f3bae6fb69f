import { describe, expect, it } from 'vitest';
import { MaxSlugLength, slugify, uniqueSlug } from './slug';

describe('slugify', () => {
  it('makes lowercase ASCII words joined by single hyphens', () => {
    expect(slugify('Council approves the 2026 budget')).toBe('council-approves-the-2026-budget');
    expect(slugify('  Floods -- and   then?  Drought!  ')).toBe('floods-and-then-drought');
    expect(slugify('Trump says, he “gets along well” with Putin – but did not wish him a happy birthday')).toBe(
      'trump-says-he-gets-along-well-with-putin-but-did-not-wish-him-a-happy-birthday',
    );
  });

  it('folds diacritics and letters without a decomposition', () => {
    expect(slugify('Inès Núñez wins in Köln')).toBe('ines-nunez-wins-in-koln');
    expect(slugify('Jens Asbjørn Bogen’s Æbleskiver')).toBe('jens-asbjorn-bogens-aebleskiver');
    expect(slugify('Straße in Łódź')).toBe('strasse-in-lodz');
  });

  it('drops apostrophes instead of splitting the word', () => {
    expect(slugify("Kyiv's new strategy")).toBe('kyivs-new-strategy');
    expect(slugify('It’s costumary')).toBe('its-costumary');
  });

  it('is "story" when nothing usable is left', () => {
    expect(slugify('')).toBe('story');
    expect(slugify('   ')).toBe('story');
    expect(slugify('“…” — !!')).toBe('story');
    expect(slugify('北京')).toBe('story');
  });

  it('cuts a long headline at a word boundary', () => {
    const headline = 'Putin has warned that supplying U.S.-made Tomahawk missiles to Ukraine would damage relations between Moscow and Washington';
    const slug = slugify(headline);
    expect(slug.length).toBeLessThanOrEqual(MaxSlugLength);
    expect(slug).toBe('putin-has-warned-that-supplying-u-s-made-tomahawk-missiles-to-ukraine-would');
  });

  it('cuts one enormous word hard', () => {
    expect(slugify('a'.repeat(200))).toBe('a'.repeat(MaxSlugLength));
  });
});

describe('uniqueSlug', () => {
  it('keeps a free slug and numbers a taken one from 2', async () => {
    const taken = new Set(['budget', 'budget-2']);
    expect(await uniqueSlug('floods', (s) => taken.has(s))).toBe('floods');
    expect(await uniqueSlug('budget', (s) => taken.has(s))).toBe('budget-3');
  });

  it('accepts an asynchronous check', async () => {
    const taken = new Set(['budget']);
    expect(await uniqueSlug('budget', async (s) => taken.has(s))).toBe('budget-2');
  });
});
