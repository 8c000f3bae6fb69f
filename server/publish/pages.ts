/**
 * The public HTML pages, rendered on the server. Every value from a story is escaped here; the one
 * exception is the body HTML, which the body schema's renderers built (and sanitised) at publication.
 * No inline styles or scripts, so a strict Content-Security-Policy holds; the JSON-LD block is data.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { PublicArticle } from '../../shared/api';
import { safeImage, safeLink } from '../../shared/urls';

/** The stylesheet of the public pages, served at `stylesheetPath`. */
export const stylesheet = fs.readFileSync(path.join(import.meta.dirname, 'article.css'), 'utf8');
/** Where the stylesheet is served. */
export const stylesheetPath = '/news/assets/article.css';
// A version in the link lets browsers keep the stylesheet for long and still see a new one at once.
const stylesheetHref = `${stylesheetPath}?v=${createHash('sha256').update(stylesheet).digest('hex').slice(0, 10)}`;

/** Text or an attribute value, safe to place in HTML. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** JSON for a `<script type="application/ld+json">` block: nothing in it can close the element. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** Names as a byline reads: "A", "A and B", "A, B and C". */
export function joinNames(names: string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

const dateFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'UTC',
  timeZoneName: 'short',
});

/** A `<time>` element for an ISO 8601 instant. */
function time(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return `<time datetime="${escapeHtml(date.toISOString())}">${escapeHtml(dateFormat.format(date))}</time>`;
}

/** An absolute URL for a link or image on a story page, or null when it cannot be one. */
function absolute(url: string, base: string): string | null {
  try {
    return new URL(url, base).href;
  } catch {
    return null;
  }
}

/** What every page shares. */
export interface PageOptions {
  siteName: string;
}

function page(options: PageOptions & { title: string; head?: string; body: string; bodyClass?: string }): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.title)}</title>
<link rel="stylesheet" href="${escapeHtml(stylesheetHref)}">
<link rel="alternate" type="application/rss+xml" title="${escapeHtml(options.siteName)}" href="/feed.xml">
${options.head ?? ''}</head>
<body>
<header class="masthead"><a href="/news">${escapeHtml(options.siteName)}</a></header>
<main${options.bodyClass ? ` class="${options.bodyClass}"` : ''}>
${options.body}
</main>
<footer class="site-foot"><a href="/news">Latest stories</a> · <a href="/feed.xml">RSS feed</a></footer>
</body>
</html>
`;
}

/** schema.org NewsArticle for search engines and link previews. */
export function newsArticleJsonLd(article: PublicArticle, siteName: string): Record<string, unknown> {
  const image = article.hero && absolute(article.hero.src, article.url);
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: article.headline,
    description: article.standfirst || undefined,
    url: article.url,
    mainEntityOfPage: { '@type': 'WebPage', '@id': article.url },
    datePublished: article.firstPublishedAt,
    dateModified: article.publishedAt,
    author: article.byline.map((name) => ({ '@type': 'Person', name })),
    publisher: { '@type': 'Organization', name: siteName },
    image: image ? [image] : undefined,
    articleSection: article.desk || undefined,
    keywords: article.tags.length ? article.tags.join(', ') : undefined,
    wordCount: article.wordCount,
    inLanguage: 'en',
    correction: article.corrections.length
      ? article.corrections.map((c) => ({ '@type': 'CorrectionComment', text: c.note, datePublished: c.at }))
      : undefined,
  };
}

/** A published story as readers see it. */
export function articlePage(article: PublicArticle, options: PageOptions): string {
  const e = escapeHtml;
  const heroSrc = article.hero ? safeImage(article.hero.src) : null;
  const ogImage = heroSrc && absolute(heroSrc, article.url);
  const description = article.standfirst || article.headline;
  const head = [
    `<meta name="description" content="${e(description)}">`,
    `<link rel="canonical" href="${e(article.url)}">`,
    `<meta property="og:site_name" content="${e(options.siteName)}">`,
    `<meta property="og:type" content="article">`,
    `<meta property="og:title" content="${e(article.headline)}">`,
    `<meta property="og:description" content="${e(description)}">`,
    `<meta property="og:url" content="${e(article.url)}">`,
    ...(ogImage ? [`<meta property="og:image" content="${e(ogImage)}">`, `<meta property="og:image:alt" content="${e(article.hero!.alt)}">`] : []),
    `<meta property="article:published_time" content="${e(article.firstPublishedAt)}">`,
    `<meta property="article:modified_time" content="${e(article.publishedAt)}">`,
    ...(article.desk ? [`<meta property="article:section" content="${e(article.desk)}">`] : []),
    ...article.tags.map((t) => `<meta property="article:tag" content="${e(t)}">`),
    `<meta name="twitter:card" content="${ogImage ? 'summary_large_image' : 'summary'}">`,
    `<script type="application/ld+json">${jsonForScript(newsArticleJsonLd(article, options.siteName))}</script>`,
  ].join('\n');

  const updated = article.publishedAt !== article.firstPublishedAt ? ` · Updated ${time(article.publishedAt)}` : '';
  const byline = article.byline.length
    ? `<p class="byline">By ${joinNames(article.byline.map((n) => `<span class="author">${e(n)}</span>`))}</p>`
    : '';
  const hero =
    article.hero && heroSrc
      ? `<figure class="hero"><img src="${e(heroSrc)}" alt="${e(article.hero.alt)}">` +
        (article.hero.caption || article.hero.credit
          ? `<figcaption><span class="caption">${e(article.hero.caption)}</span> <span class="credit">${e(article.hero.credit)}</span></figcaption>`
          : '') +
        `</figure>`
      : '';
  const related = article.related
    .map((r) => ({ href: safeLink(r.url), headline: r.headline }))
    .filter((r): r is { href: string; headline: string } => r.href !== null);
  const alsoRead = related.length
    ? `<aside class="also-read" aria-labelledby="also-read"><h2 id="also-read">Also read</h2><ul>${related
        .map((r) => `<li><a href="${e(r.href)}">${e(r.headline)}</a></li>`)
        .join('')}</ul></aside>`
    : '';
  const aiNote = article.aiNote ? `<p class="ai-note">${e(article.aiNote)}</p>` : '';
  const corrections = article.corrections.length
    ? `<section class="corrections" aria-labelledby="corrections"><h2 id="corrections">Corrections</h2><ul>${article.corrections
        .map((c) => `<li>${time(c.at)}${e(c.note)}</li>`)
        .join('')}</ul></section>`
    : '';

  const body = `<article class="story">
<header class="story-head">
${article.desk ? `<p class="kicker">${e(article.desk)}</p>\n` : ''}<h1>${e(article.headline)}</h1>
${article.standfirst ? `<p class="standfirst">${e(article.standfirst)}</p>\n` : ''}${byline}
<p class="dateline">Published ${time(article.firstPublishedAt)}${updated}</p>
</header>
${hero}
<div class="story-body">
${article.html}
</div>
${alsoRead}
${aiNote}
${corrections}
</article>`;
  return page({ ...options, title: `${article.headline} · ${options.siteName}`, head, body });
}

/** The front page: the latest stories, newest first. */
export function frontPage(articles: PublicArticle[], options: PageOptions): string {
  const e = escapeHtml;
  const items = articles
    .map(
      (a) => `<li>
<h2><a href="${e(a.url)}">${e(a.headline)}</a></h2>
${a.standfirst ? `<p class="standfirst">${e(a.standfirst)}</p>\n` : ''}<p class="dateline">${a.byline.length ? `${e(joinNames(a.byline))} · ` : ''}${time(a.publishedAt)}</p>
</li>`,
    )
    .join('\n');
  const body = `<h1>Latest stories</h1>\n${articles.length ? `<ol>\n${items}\n</ol>` : '<p>Nothing has been published yet.</p>'}`;
  return page({ ...options, title: options.siteName, body, bodyClass: 'front', head: `<meta name="description" content="${e(`The latest stories from ${options.siteName}`)}">\n` });
}

/** A page that says a story is not there (404) or was withdrawn (410). */
export function noticePage(kind: 'not_found' | 'gone', options: PageOptions): string {
  const [heading, text] =
    kind === 'gone'
      ? ['This story has been withdrawn', 'The editors have withdrawn this story. It is no longer available.']
      : ['Story not found', 'There is no story at this address. It may never have been published.'];
  const body = `<div class="notice"><h1>${heading}</h1><p>${text}</p><p><a href="/news">See the latest stories</a></p></div>`;
  return page({ ...options, title: `${heading} · ${options.siteName}`, body, head: '<meta name="robots" content="noindex">\n' });
}
