/**
 * The newsroom's own words: names and jargon the general dictionary lacks. The desk extends it without a
 * release through `POST /api/dictionary`; add a word here when every newsroom running Galley needs it.
 * Matching ignores case.
 */
export const NewsroomWords: readonly string[] = [
  // The trade.
  'Galley',
  'standfirst',
  'standfirsts',
  'byline',
  'bylines',
  'dateline',
  'datelines',
  'lede',
  'ledes',
  'strapline',
  'straplines',
  'subeditor',
  'subeditors',
  'subhead',
  'subheads',
  'newsdesk',
  'copydesk',
  'copytaster',
  'kicker',
  'liveblog',
  'livestream',
  'livestreamed',
  'paywall',
  'podcast',
  'podcasts',
  'hashtag',
  'embargoed',
  'wikipedia',
  'ninjs',
  'IPTC',
  // Names in the news.
  'Zelensky',
  'Zelenskyy',
  'Kyiv',
  'Kharkiv',
  'Odesa',
  'Donetsk',
  'Luhansk',
  'Peskov',
  'Lavrov',
  'Kremlin',
  'Volodymyr',
  'Erdogan',
  'Netanyahu',
  'Macron',
  'Scholz',
  'Merz',
  'Starmer',
  'Sunak',
  'Modi',
  'Xi',
  'Jinping',
  'Covid',
  'Brexit',
  'Agerpres',
  'Reuters',
  'Bloomberg',
  'Politico',
];

/** The built-in words as the checks compare them. */
export function normalizedWords(words: Iterable<string>): Set<string> {
  const set = new Set<string>();
  for (const w of words) set.add(normalizeWord(w));
  return set;
}

/** How a word is compared with the word lists: lower case, curly apostrophes straightened. */
export function normalizeWord(word: string): string {
  return word.trim().toLowerCase().replace(/’/g, "'");
}
