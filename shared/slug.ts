/** Slugs: the readable, stable last part of a published story's URL (`/news/:slug`). */

/** The longest slug `slugify` makes, before any `-2` suffix. */
export const MaxSlugLength = 80;

// Letters that Unicode does not decompose into a base letter and a mark.
const folded: Record<string, string> = {
  ø: 'o', æ: 'ae', œ: 'oe', ß: 'ss', đ: 'd', ð: 'd', þ: 'th', ł: 'l', ı: 'i', ħ: 'h', ŧ: 't', ŋ: 'n', ĸ: 'k',
};

/** A headline as a URL slug: lowercase ASCII words joined by hyphens, "story" when nothing is left. */
export function slugify(headline: string, maxLength = MaxSlugLength): string {
  const words = headline
    .normalize('NFKD')
    .toLowerCase()
    .replace(/\p{M}/gu, '')
    .replace(/[øæœßđðþłıħŧŋĸ]/g, (c) => folded[c])
    // "Trump's" is one word: "trumps", not "trump-s".
    .replace(/['’‘ʼ`´]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (!words) return 'story';
  if (words.length <= maxLength) return words;
  const cut = words.slice(0, maxLength + 1);
  const boundary = cut.lastIndexOf('-');
  // One enormous word has no boundary to cut at: cut it hard.
  return (boundary > 0 ? cut.slice(0, boundary) : words.slice(0, maxLength)).replace(/-+$/, '');
}

/** `base`, or `base-2`, `base-3`… : the first that `taken` says is free. */
export async function uniqueSlug(base: string, taken: (slug: string) => boolean | Promise<boolean>): Promise<string> {
  if (!(await taken(base))) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!(await taken(candidate))) return candidate;
  }
}
