/**
 * A published story as IPTC ninjs 2.1 ("News in JSON"), for partners and wire systems. Property
 * names and shapes follow http://www.iptc.org/std/ninjs/ninjs-schema_2.1.json: `uri` is the only
 * required property and identifies the item across versions; `version` counts the revisions.
 */
import type { PublicArticle } from '../../shared/api';
import { plainText } from '../../shared/text';
import { joinNames } from './pages';

/** A text object of ninjs: a headline, description or body. */
export interface NinjsText {
  value: string;
  role?: string;
  contenttype?: string;
  wordcount?: number;
  charcount?: number;
}

/** One rendition of an item: where a form of it can be fetched. */
export interface NinjsRendition {
  name: string;
  href?: string;
  contenttype?: string;
}

/** The ninjs 2.1 item Galley publishes (a subset of the schema's properties). */
export interface NinjsItem {
  uri: string;
  standard: { name: 'ninjs'; version: '2.1'; schema: string };
  type: 'text' | 'picture';
  representationtype?: 'full' | 'partial';
  version?: string;
  firstcreated?: string;
  versioncreated?: string;
  pubstatus?: 'usable' | 'withheld' | 'canceled';
  language?: string;
  slugline?: string;
  by?: string;
  headlines?: NinjsText[];
  descriptions?: NinjsText[];
  bodies?: NinjsText[];
  subjects?: { name: string }[];
  renditions?: NinjsRendition[];
  associations?: NinjsAssociation[];
}

/** An item associated with a story, such as its feature image. */
export type NinjsAssociation = Omit<NinjsItem, 'standard' | 'associations'> & { name: string };

/** The JSON Schema the items validate against. */
export const NinjsSchema = 'http://www.iptc.org/std/ninjs/ninjs-schema_2.1.json';

// Figures are atoms without text content, so their captions are not counted, as the schema asks.
const charCount = (article: PublicArticle) => plainText(article.body).replace(/\n/g, '').length;

/** A published story as a ninjs 2.1 item. */
export function toNinjs(article: PublicArticle): NinjsItem {
  const item: NinjsItem = {
    // Article ids are random UUIDs: a URN that stays the same for every revision and any slug.
    uri: `urn:uuid:${article.id}`,
    standard: { name: 'ninjs', version: '2.1', schema: NinjsSchema },
    type: 'text',
    representationtype: 'full',
    version: String(article.revision),
    firstcreated: article.firstPublishedAt,
    versioncreated: article.publishedAt,
    pubstatus: 'usable',
    language: 'en',
    slugline: article.slug,
    headlines: [{ value: article.headline, role: 'main', contenttype: 'text/plain' }],
    bodies: [{ value: article.html, role: 'main', contenttype: 'text/html', wordcount: article.wordCount, charcount: charCount(article) }],
    renditions: [{ name: 'web', href: article.url, contenttype: 'text/html' }],
  };
  if (article.byline.length) item.by = joinNames(article.byline);
  if (article.standfirst) item.descriptions = [{ value: article.standfirst, role: 'summary', contenttype: 'text/plain' }];
  if (article.tags.length) item.subjects = article.tags.map((name) => ({ name }));
  if (article.hero) {
    let href: string | undefined;
    try {
      href = new URL(article.hero.src, article.url).href;
    } catch {
      href = undefined;
    }
    if (href) {
      const descriptions: NinjsText[] = [];
      if (article.hero.caption) descriptions.push({ value: article.hero.caption, role: 'caption', contenttype: 'text/plain' });
      if (article.hero.alt) descriptions.push({ value: article.hero.alt, role: 'alternative', contenttype: 'text/plain' });
      item.associations = [
        {
          name: 'featureimage',
          uri: href,
          type: 'picture',
          ...(article.hero.credit ? { by: article.hero.credit } : {}),
          ...(descriptions.length ? { descriptions } : {}),
          renditions: [{ name: 'original', href }],
        },
      ];
    }
  }
  return item;
}
