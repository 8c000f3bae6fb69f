/** The RSS 2.0 feed of published stories, built with the `feed` library. */
import { Feed } from 'feed';
import type { PublicArticle } from '../../shared/api';
import { escapeHtml, joinNames } from './pages';

// Characters XML 1.0 does not allow at all: a stray one would make the whole feed unreadable.
const notXml = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const xmlText = (s: string) => s.replace(notXml, '');

// The library writes titles, descriptions and content as CDATA but splits only the first "]]>"
// in each. HTML can say "]]&gt;" instead; a plain-text title gets a zero-width space.
const htmlCdata = (html: string) => xmlText(html).replaceAll(']]>', ']]&gt;');
const textCdata = (text: string) => xmlText(text).replaceAll(']]>', ']]\u200B>');

/** The feed's identity. */
export interface FeedOptions {
  siteName: string;
  /** The public origin, e.g. `https://news.example.org`. */
  origin: string;
}

/** RSS 2.0 for the given stories, newest first as given. */
export function rssFeed(articles: PublicArticle[], options: FeedOptions): string {
  const { origin, siteName } = options;
  const feed = new Feed({
    title: siteName,
    description: `The latest stories from ${siteName}`,
    id: `${origin}/news`,
    link: `${origin}/news`,
    language: 'en',
    generator: 'Galley',
    updated: articles.length ? new Date(articles[0].publishedAt) : new Date(),
    feedLinks: { rss: `${origin}/feed.xml` },
  });
  for (const a of articles) {
    feed.addItem({
      // Some readers show titles as HTML: angle brackets in a headline stay text there too.
      title: textCdata(a.headline.replace(/</g, '&lt;').replace(/>/g, '&gt;')),
      link: a.url,
      // The guid stays the same through corrections: readers see one story, updated.
      guid: `urn:uuid:${a.id}`,
      date: new Date(a.publishedAt),
      published: new Date(a.firstPublishedAt),
      // RSS readers treat a description as HTML, so the plain-text standfirst is escaped first.
      description: htmlCdata(escapeHtml(a.standfirst)),
      // Never empty: the library declares the dc: namespace only for items with content.
      content: htmlCdata(a.html) || '<p></p>',
      category: a.desk ? [{ name: xmlText(a.desk) }] : undefined,
      // RSS's own <author> must be an e-mail address; the names go in Dublin Core's creator.
      extensions: a.byline.length ? [{ name: 'dc:creator', objects: { _text: xmlText(joinNames(a.byline)) } }] : undefined,
    });
  }
  return feed.rss2();
}
