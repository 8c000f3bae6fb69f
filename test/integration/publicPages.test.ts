/**
 * The public doors over a real SQLite database: story pages, the front page, the RSS feed and the
 * public JSON (and ninjs). Revisions are frozen and stored as the workflow stores them.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parse, type HTMLElement } from 'node-html-parser';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiError, PublicArticle } from '../../shared/api';
import { slugify, uniqueSlug } from '../../shared/slug';
import { ArticleStore } from '../../server/articles/ArticleStore';
import { createArticle } from '../../server/articles/createArticle';
import { renderArticle } from '../../server/articles/render';
import { seedUpdate, type ArticleSeed } from '../../server/articles/seed';
import { UserStore } from '../../server/auth/users';
import { errorHandler } from '../../server/http/errorHandler';
import { createLogger } from '../../server/logger';
import { freezeRevision } from '../../server/publish/freezeRevision';
import type { NinjsItem } from '../../server/publish/ninjs';
import { PublishedStore } from '../../server/publish/PublishedStore';
import { publicRoutes } from '../../server/publish/routes';
import { openSqlite, type SqliteDatabase } from '../../server/store/sqlite';
import { tempDataDir } from '../helpers/galley';

let db: SqliteDatabase;
let server: http.Server;
let url: string;
let articles: ArticleStore;
let published: PublishedStore;
let reporter: { id: string; name: string };
let editor: { id: string; name: string };
let clock = Date.UTC(2025, 9, 14, 8, 0);

const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');

/** Publishes (or republishes) a story the way the workflow does: freeze, insert, change state, in one transaction. */
async function publish(seed: ArticleSeed, options: { id?: string; correction?: string; related?: string[] } = {}): Promise<PublicArticle> {
  const id = options.id ?? (await createArticle({ articles }, { createdBy: reporter.id, ...seed })).id;
  if (!options.id) await articles.addAuthor(id, editor.id, reporter.id);
  const doc = new Y.Doc();
  Y.applyUpdate(doc, seedUpdate(seed));
  const rendered = renderArticle(doc);
  const article = (await articles.byId(id))!;
  const slug = article.slug ?? (await uniqueSlug(slugify(rendered.headline), (s) => articles.slugTaken(s, id)));
  const at = new Date((clock += 60_000));
  const firstPublishedAt = article.firstPublishedAt ?? at.toISOString();
  const related: { slug: string; headline: string }[] = [];
  for (const rid of options.related ?? []) {
    const r = (await published.latestForArticle(rid))!;
    related.push({ slug: r.slug, headline: r.headline });
  }
  const row = await articles.transaction(async (tx) => {
    await articles.applyStateChange(id, { state: 'published', slug, firstPublishedAt, publishedAt: at.toISOString() }, at, { on: tx, from: article.state });
    return published.insert(
      freezeRevision({
        article: { ...article, state: 'published', slug, firstPublishedAt, publishedAt: at.toISOString() },
        rendered,
        snapshot: Y.encodeStateAsUpdate(doc),
        slug,
        revision: await published.nextRevision(id, tx),
        correction: options.correction ?? null,
        corrections: await published.corrections(id, tx),
        related,
        publishedBy: editor.id,
        at,
        firstPublishedAt,
        origin: 'http://stale.example',
      }),
      tx,
    );
  });
  doc.destroy();
  return row.article;
}

const get = (path: string, init?: RequestInit) => fetch(`${url}${path}`, init);
const page = async (path: string) => {
  const res = await get(path);
  return { res, html: await res.text() };
};
const attr = (root: HTMLElement, selector: string, name: string) => root.querySelector(selector)?.getAttribute(name);

function assertNoActiveContent(html: string): void {
  const root = parse(html);
  const scripts = root.querySelectorAll('script');
  for (const s of scripts) expect(s.getAttribute('type')).toBe('application/ld+json');
  expect(root.querySelectorAll('style')).toHaveLength(0);
  for (const el of root.querySelectorAll('*')) {
    for (const name of Object.keys(el.attributes)) {
      expect(name.toLowerCase().startsWith('on'), `${el.tagName} has ${name}`).toBe(false);
      expect(name.toLowerCase(), `${el.tagName} has an inline style`).not.toBe('style');
    }
  }
  expect(html.toLowerCase()).not.toContain('javascript:');
}

const rss = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_' });
async function feed() {
  const res = await get('/feed.xml');
  const xml = await res.text();
  expect(XMLValidator.validate(xml)).toBe(true);
  const doc = rss.parse(xml);
  const items = doc.rss.channel.item === undefined ? [] : [doc.rss.channel.item].flat();
  return { res, xml, doc, items: items as Record<string, unknown>[] };
}

let budget: PublicArticle;
let libraries: PublicArticle;
let withdrawn: PublicArticle;
const hostileHeadline = 'Inès & the “mayor” say <b>no</b> ]]> to ]]> cuts';

beforeAll(async () => {
  db = openSqlite(tempDataDir());
  articles = new ArticleStore(db);
  published = new PublishedStore(db);
  const users = new UserStore(db);
  reporter = await users.add({ email: 'rosa@galley.test', name: 'Rosa Okafor', role: 'writer', password: 'a long password' });
  editor = await users.add({ email: 'ines@galley.test', name: 'Inès Núñez', role: 'publisher', password: 'a long password' });

  const app = express();
  app.use(publicRoutes({ articles, published, origin: () => url }));
  app.use(errorHandler(createLogger('silent')));
  server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  libraries = await publish({
    headline: 'Libraries face cuts in the spring',
    standfirst: 'Three branches may close.',
    body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: words(60) }] }] },
    meta: { desk: 'City' },
  });
  budget = await publish(
    {
      headline: hostileHeadline,
      standfirst: 'A vote of <21> to "19" & a long night.',
      body: {
        type: 'doc',
        content: [
          {
            type: 'paragraph',
            content: [
              { type: 'text', text: 'Read ' },
              { type: 'text', text: 'the plan', marks: [{ type: 'link', attrs: { href: 'https://example.org/plan' } }] },
              { type: 'text', text: ' but not ' },
              { type: 'text', text: 'this trap', marks: [{ type: 'link', attrs: { href: 'javascript:alert(document.cookie)' } }] },
              { type: 'text', text: ` ${words(50)}` },
            ],
          },
          { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'What happens next' }] },
          { type: 'paragraph', content: [{ type: 'text', text: '<img src=x onerror=alert(1)> stays text.' }] },
        ],
      },
      meta: {
        desk: 'Politics',
        tags: ['budget', 'council'],
        hero: { src: 'https://cdn.example.org/hall.jpg', alt: 'The "hall"', caption: 'Councillors <vote>', credit: 'Jane Doe / Courier' },
        aiNote: 'Interviews were transcribed with AI and checked by the reporter.',
      },
    },
    { related: [libraries.id] },
  );
  withdrawn = await publish({
    headline: 'A story that will be withdrawn',
    standfirst: 'Gone soon.',
    body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: words(60) }] }] },
    meta: { hero: { src: 'javascript:alert(1)', alt: 'x', caption: '', credit: 'y' } },
  });
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  db.close();
});

describe('GET /news/:slug', () => {
  it('serves the story as an HTML page with every value escaped', async () => {
    const { res, html } = await page(`/news/${budget.slug}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const root = parse(html);
    expect(root.querySelector('h1')!.text).toBe(hostileHeadline);
    expect(root.querySelector('.standfirst')!.text).toBe('A vote of <21> to "19" & a long night.');
    expect(root.querySelector('.byline')!.text).toBe('By Rosa Okafor and Inès Núñez');
    expect(root.querySelector('.kicker')!.text).toBe('Politics');
    expect(root.querySelector('title')!.text).toBe(`${hostileHeadline} · Galley`);
    expect(html).not.toContain('<b>no</b>');
    expect(root.querySelectorAll('.story-body h2').map((h) => h.text)).toEqual(['What happens next']);
    expect(root.querySelector('.story-body')!.text).toContain('<img src=x onerror=alert(1)> stays text.');
  });

  it('shows the publication date, the hero with caption and credit, Also read and the AI note', async () => {
    const root = parse((await page(`/news/${budget.slug}`)).html);
    const time = root.querySelector('.dateline time')!;
    expect(time.getAttribute('datetime')).toBe(budget.firstPublishedAt);
    expect(time.text).toMatch(/^\d{1,2} October 2025/);
    expect(attr(root, 'figure.hero img', 'src')).toBe('https://cdn.example.org/hall.jpg');
    expect(attr(root, 'figure.hero img', 'alt')).toBe('The "hall"');
    expect(root.querySelector('figure.hero .caption')!.text).toBe('Councillors <vote>');
    expect(root.querySelector('figure.hero .credit')!.text).toBe('Jane Doe / Courier');
    const also = root.querySelectorAll('.also-read a');
    expect(also.map((a) => [a.text, a.getAttribute('href')])).toEqual([[libraries.headline, `${url}/news/${libraries.slug}`]]);
    expect(root.querySelector('.ai-note')!.text).toBe('Interviews were transcribed with AI and checked by the reporter.');
    expect(root.querySelector('.corrections')).toBeNull();
  });

  it('carries OpenGraph tags and NewsArticle JSON-LD, and links the stylesheet instead of inlining it', async () => {
    const { res, html } = await page(`/news/${budget.slug}`);
    const root = parse(html);
    const og = (p: string) => root.querySelector(`meta[property="${p}"]`)?.getAttribute('content');
    expect(og('og:title')).toBe(hostileHeadline);
    expect(og('og:description')).toBe('A vote of <21> to "19" & a long night.');
    expect(og('og:type')).toBe('article');
    expect(og('og:url')).toBe(`${url}/news/${budget.slug}`);
    expect(og('og:image')).toBe('https://cdn.example.org/hall.jpg');
    expect(attr(root, 'link[rel=canonical]', 'href')).toBe(`${url}/news/${budget.slug}`);

    const scripts = root.querySelectorAll('script');
    expect(scripts).toHaveLength(1);
    const raw = scripts[0].innerHTML;
    expect(raw).not.toContain('<');
    const ld = JSON.parse(raw);
    expect(ld).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      headline: hostileHeadline,
      datePublished: budget.firstPublishedAt,
      dateModified: budget.publishedAt,
      author: [
        { '@type': 'Person', name: 'Rosa Okafor' },
        { '@type': 'Person', name: 'Inès Núñez' },
      ],
      image: ['https://cdn.example.org/hall.jpg'],
    });

    const href = attr(root, 'link[rel=stylesheet]', 'href')!;
    expect(href).toMatch(/^\/news\/assets\/article\.css\?v=[0-9a-f]+$/);
    const css = await get(href);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
    expect(await css.text()).toContain('.standfirst');
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'.*style-src 'self'/);
  });

  it('lets no script, event handler, inline style or javascript: link through', async () => {
    const { html } = await page(`/news/${budget.slug}`);
    assertNoActiveContent(html);
    // The trap's text stays; its link does not.
    expect(parse(html).querySelector('.story-body')!.text).toContain('this trap');
  });

  it('shows a page without a hero when the hero source was unsafe', async () => {
    const { res, html } = await page(`/news/${withdrawn.slug}`);
    expect(res.status).toBe(200);
    const root = parse(html);
    expect(root.querySelector('figure.hero')).toBeNull();
    expect(root.querySelector('meta[property="og:image"]')).toBeNull();
    assertNoActiveContent(html);
  });

  it('answers 404 with a page for a slug that was never published', async () => {
    for (const slug of ['no-such-story', 'Not_A_Slug', '..%2F..%2Fetc']) {
      const { res, html } = await page(`/news/${slug}`);
      expect(res.status, slug).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(parse(html).querySelector('h1')!.text).toBe('Story not found');
    }
  });
});

describe('corrections', () => {
  it('shows the newest revision with every correction in a box at the foot, oldest first', async () => {
    const before = await published.latestForArticle(libraries.id)!;
    await publish(
      {
        headline: 'Libraries face cuts in the spring',
        standfirst: 'Two branches may close.',
        body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: `Two, not three. ${words(60)}` }] }] },
        meta: { desk: 'City' },
      },
      { id: libraries.id, correction: 'An earlier version said three branches.' },
    );
    await publish(
      {
        headline: 'Libraries face cuts in the spring',
        standfirst: 'Two branches may close in May.',
        body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: `Two, not three. ${words(60)}` }] }] },
        meta: { desk: 'City' },
      },
      { id: libraries.id, correction: 'The month is May, not April.' },
    );
    const { res, html } = await page(`/news/${libraries.slug}`);
    expect(res.status).toBe(200);
    const root = parse(html);
    expect(root.querySelector('.standfirst')!.text).toBe('Two branches may close in May.');
    const notes = root.querySelectorAll('.corrections li');
    expect(notes.map((li) => li.text.replace(li.querySelector('time')!.text, ''))).toEqual(['An earlier version said three branches.', 'The month is May, not April.']);
    expect(root.querySelectorAll('.dateline time').map((t) => t.getAttribute('datetime'))).toEqual([before!.article.firstPublishedAt, (await published.latestForArticle(libraries.id))!.publishedAt]);
    const json = (await (await get(`/api/public/articles/${libraries.slug}`)).json()) as PublicArticle;
    expect(json.revision).toBe(3);
    expect(json.corrections.map((c) => c.note)).toEqual(['An earlier version said three branches.', 'The month is May, not April.']);
  });
});

describe('GET /api/public/articles/:slug', () => {
  it('returns the PublicArticle JSON, with URLs on the origin readers use now', async () => {
    const res = await get(`/api/public/articles/${budget.slug}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await res.json()) as PublicArticle;
    expect(Object.keys(body).sort()).toEqual(
      ['id', 'slug', 'url', 'revision', 'headline', 'standfirst', 'byline', 'desk', 'tags', 'hero', 'html', 'body', 'wordCount', 'aiNote', 'related', 'corrections', 'firstPublishedAt', 'publishedAt'].sort(),
    );
    expect(body).toMatchObject({
      id: budget.id,
      slug: budget.slug,
      url: `${url}/news/${budget.slug}`,
      revision: 1,
      headline: hostileHeadline,
      byline: ['Rosa Okafor', 'Inès Núñez'],
      desk: 'Politics',
      tags: ['budget', 'council'],
      related: [{ slug: libraries.slug, headline: libraries.headline, url: `${url}/news/${libraries.slug}` }],
    });
    expect(JSON.stringify(body)).not.toContain('javascript:');
  });

  it('returns IPTC ninjs 2.1 with ?format=ninjs', async () => {
    const res = await get(`/api/public/articles/${budget.slug}?format=ninjs`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const item = (await res.json()) as NinjsItem;
    expect(item).toMatchObject({
      uri: `urn:uuid:${budget.id}`,
      standard: { name: 'ninjs', version: '2.1' },
      type: 'text',
      version: '1',
      firstcreated: budget.firstPublishedAt,
      versioncreated: budget.publishedAt,
      pubstatus: 'usable',
      language: 'en',
      slugline: budget.slug,
      by: 'Rosa Okafor and Inès Núñez',
      headlines: [{ value: hostileHeadline, role: 'main' }],
      descriptions: [{ value: 'A vote of <21> to "19" & a long night.', role: 'summary' }],
      bodies: [{ contenttype: 'text/html', role: 'main', value: budget.html }],
      subjects: [{ name: 'budget' }, { name: 'council' }],
      renditions: [{ name: 'web', href: `${url}/news/${budget.slug}`, contenttype: 'text/html' }],
    });
    expect(item.associations).toEqual([
      {
        name: 'featureimage',
        uri: 'https://cdn.example.org/hall.jpg',
        type: 'picture',
        by: 'Jane Doe / Courier',
        descriptions: [
          { value: 'Councillors <vote>', role: 'caption', contenttype: 'text/plain' },
          { value: 'The "hall"', role: 'alternative', contenttype: 'text/plain' },
        ],
        renditions: [{ name: 'original', href: 'https://cdn.example.org/hall.jpg' }],
      },
    ]);
    expect(new Date(item.firstcreated!).toISOString()).toBe(item.firstcreated);
    expect(JSON.stringify(item)).not.toContain('javascript:');
  });

  it('refuses an unknown format and answers 404 for an unknown slug, in the one error shape', async () => {
    const bad = await get(`/api/public/articles/${budget.slug}?format=xml`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as ApiError).error).toBe('validation_error');
    const missing = await get('/api/public/articles/no-such-story');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: 'not_found', message: expect.any(String) });
  });
});

describe('GET /feed.xml', () => {
  it('is RSS 2.0 with one item per published story, newest first', async () => {
    const { res, doc, items } = await feed();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/rss\+xml/);
    expect(doc.rss['@_version']).toBe('2.0');
    const channel = doc.rss.channel;
    expect(channel.title).toBe('Galley');
    expect(channel.link).toBe(`${url}/news`);
    expect(channel.description).toBeTruthy();
    expect(items.map((i) => i.link)).toEqual([`${url}/news/${libraries.slug}`, `${url}/news/${withdrawn.slug}`, `${url}/news/${budget.slug}`]);
  });

  it('gives each item title, link, guid, pubDate, the standfirst, the HTML and the byline', async () => {
    const { items } = await feed();
    const item = items.find((i) => i.link === `${url}/news/${budget.slug}`)!;
    // Angle brackets stay text even in readers that show titles as HTML.
    expect(String(item.title).replace(/\u200B/g, '')).toBe(hostileHeadline.replace(/</g, '&lt;').replace(/>/g, '&gt;'));
    expect(item.guid).toMatchObject({ '#text': `urn:uuid:${budget.id}`, '@_isPermaLink': 'false' });
    expect(new Date(String(item.pubDate)).toISOString()).toBe(budget.firstPublishedAt);
    expect(parse(String(item.description)).text).toBe('A vote of <21> to "19" & a long night.');
    expect(item['content:encoded']).toBe(budget.html);
    expect(item['dc:creator']).toBe('Rosa Okafor and Inès Núñez');
  });

  it('carries no javascript: link', async () => {
    const { xml, items } = await feed();
    expect(xml.toLowerCase()).not.toContain('javascript:');
    for (const item of items) assertNoActiveContent(String(item['content:encoded']));
  });
});

describe('GET /news', () => {
  it('lists the published stories, newest first, each linking to its page', async () => {
    const { res, html } = await page('/news');
    expect(res.status).toBe(200);
    const root = parse(html);
    expect(root.querySelectorAll('.front li h2 a').map((a) => a.getAttribute('href'))).toEqual([
      `${url}/news/${libraries.slug}`,
      `${url}/news/${withdrawn.slug}`,
      `${url}/news/${budget.slug}`,
    ]);
    assertNoActiveContent(html);
  });
});

describe('a withdrawn story', () => {
  beforeAll(async () => {
    await articles.applyStateChange(withdrawn.id, { state: 'unpublished' }, new Date((clock += 60_000)));
  });

  it('answers 410 with a page that says so', async () => {
    const { res, html } = await page(`/news/${withdrawn.slug}`);
    expect(res.status).toBe(410);
    expect(parse(html).querySelector('h1')!.text).toBe('This story has been withdrawn');
    expect(html).not.toContain('Gone soon.');
  });

  it('answers 410 in JSON, in either format', async () => {
    for (const query of ['', '?format=ninjs']) {
      const res = await get(`/api/public/articles/${withdrawn.slug}${query}`);
      expect(res.status).toBe(410);
      expect(await res.json()).toEqual({ error: 'gone', message: 'This story has been withdrawn.' });
    }
  });

  it('is gone from the feed and the front page', async () => {
    const { items } = await feed();
    expect(items.map((i) => i.link)).toEqual([`${url}/news/${libraries.slug}`, `${url}/news/${budget.slug}`]);
    const root = parse((await page('/news')).html);
    expect(root.querySelectorAll('.front li h2 a').map((a) => a.text)).not.toContain('A story that will be withdrawn');
  });
});

describe('a story whose slug changed', () => {
  it('redirects the old address to the new one', async () => {
    const story = await publish({
      headline: 'Ferry timetable changes',
      standfirst: 'From Monday.',
      body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: words(60) }] }] },
    });
    const latest = (await published.latestForArticle(story.id))!;
    await articles.transaction(async (tx) => {
      await articles.applyStateChange(story.id, { state: 'published', slug: 'ferry-timetable' }, new Date(), { on: tx, from: 'published' });
      await published.insert({ ...latest, revision: 2, slug: 'ferry-timetable', article: { ...latest.article, slug: 'ferry-timetable', revision: 2 } }, tx);
    });
    const old = await get(`/news/${story.slug}`, { redirect: 'manual' });
    expect(old.status).toBe(301);
    expect(old.headers.get('location')).toBe('/news/ferry-timetable');
    const json = await get(`/api/public/articles/${story.slug}?format=ninjs`, { redirect: 'manual' });
    expect(json.status).toBe(301);
    expect(json.headers.get('location')).toBe('/api/public/articles/ferry-timetable?format=ninjs');
    expect((await page('/news/ferry-timetable')).res.status).toBe(200);
  });
});
