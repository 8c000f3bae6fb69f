/**
 * The public doors, open to anyone: `GET /news/:slug` (the story page), `GET /news` (the front
 * page), `GET /feed.xml` (RSS 2.0) and `GET /api/public/articles/:slug` (JSON, or ninjs with
 * `?format=ninjs`). They serve only frozen revisions, never the live doc.
 */
import { Router, type Request, type Response } from 'express';
import type { PublicArticle } from '../../shared/api';
import type { ArticleStore } from '../articles/ArticleStore';
import { GoneError, NotFoundError, ValidationError } from '../errors';
import { rssFeed } from './feed';
import { storyUrl } from './freezeRevision';
import { toNinjs } from './ninjs';
import { articlePage, frontPage, noticePage, stylesheet, stylesheetPath } from './pages';
import type { PublishedRevision, PublishedStore } from './PublishedStore';

/** What the public routes need. */
export interface PublicRoutesOptions {
  articles: ArticleStore;
  published: PublishedStore;
  /** Where readers reach this server (GALLEY_PUBLIC_URL, or the server's own address). */
  origin: (req: Request) => string;
  /** The publication's name on pages and in the feed. */
  siteName?: string;
}

/** How many stories the front page and the feed list. */
export const FrontPageSize = 30;
export const FeedSize = 50;


// Pages carry no inline style or script, so this holds; the JSON-LD block is data, not script.
const contentSecurityPolicy = "default-src 'none'; style-src 'self'; img-src 'self' https: http:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
// Short enough that a correction or a withdrawal reaches readers within a minute.
const publicCache = 'public, max-age=60';
const slugPattern = /^[a-z0-9][a-z0-9-]{0,199}$/;

type Lookup =
  | { kind: 'found'; revision: PublishedRevision }
  | { kind: 'moved'; slug: string }
  | { kind: 'gone' }
  | { kind: 'missing' };

/** The public pages, feed and JSON, mounted at the root. */
export function publicRoutes(options: PublicRoutesOptions): Router {
  const router = Router();
  const siteName = options.siteName ?? 'Galley';

  const originOf = (req: Request): string => {
    try {
      return new URL(options.origin(req)).origin;
    } catch {
      return '';
    }
  };

  /** The story as served now: its URLs on the origin readers use today. */
  const present = (article: PublicArticle, origin: string): PublicArticle =>
    origin
      ? { ...article, url: storyUrl(origin, article.slug), related: article.related.map((r) => ({ ...r, url: storyUrl(origin, r.slug) })) }
      : article;

  async function lookup(slug: string): Promise<Lookup> {
    if (!slugPattern.test(slug)) return { kind: 'missing' };
    const found = await options.published.latestBySlug(slug);
    if (!found) return { kind: 'missing' };
    const article = await options.articles.byId(found.articleId);
    if (!article) return { kind: 'missing' };
    if (article.state === 'unpublished') return { kind: 'gone' };
    // A story being corrected is still published; whatever its state, readers get the last revision.
    const latest = (await options.published.latestForArticle(found.articleId)) ?? found;
    if (latest.slug !== slug) return { kind: 'moved', slug: latest.slug };
    return { kind: 'found', revision: latest };
  }

  const latestStories = async (limit: number, origin: string) => (await options.published.latestPublished(limit)).map((r) => present(r.article, origin));

  const sendPage = (res: Response, status: number, html: string) => {
    res.status(status);
    res.setHeader('Content-Security-Policy', contentSecurityPolicy);
    res.setHeader('Cache-Control', status === 200 ? publicCache : 'no-cache');
    res.type('html').send(html);
  };

  router.get(stylesheetPath, (_req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=86400');
    res.type('css').send(stylesheet);
  });

  router.get('/news', async (req, res) => {
    sendPage(res, 200, frontPage(await latestStories(FrontPageSize, originOf(req)), { siteName }));
  });

  router.get('/news/:slug', async (req, res) => {
    const found = await lookup(req.params.slug);
    switch (found.kind) {
      case 'found':
        return sendPage(res, 200, articlePage(present(found.revision.article, originOf(req)), { siteName }));
      case 'moved':
        return res.redirect(301, `/news/${found.slug}`);
      case 'gone':
        return sendPage(res, 410, noticePage('gone', { siteName }));
      case 'missing':
        return sendPage(res, 404, noticePage('not_found', { siteName }));
    }
  });

  router.get('/feed.xml', async (req, res) => {
    const origin = originOf(req);
    res.setHeader('Cache-Control', publicCache);
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.type('application/rss+xml; charset=utf-8').send(rssFeed(await latestStories(FeedSize, origin), { siteName, origin }));
  });

  router.get('/api/public/articles/:slug', async (req, res) => {
    const format = req.query.format ?? 'json';
    if (format !== 'json' && format !== 'ninjs') throw ValidationError('The format is either json (the default) or ninjs.');
    const found = await lookup(req.params.slug);
    switch (found.kind) {
      case 'found': {
        const article = present(found.revision.article, originOf(req));
        res.setHeader('Cache-Control', publicCache);
        res.setHeader('Access-Control-Allow-Origin', '*');
        return res.json(format === 'ninjs' ? toNinjs(article) : article);
      }
      case 'moved':
        return res.redirect(301, `/api/public/articles/${found.slug}${format === 'ninjs' ? '?format=ninjs' : ''}`);
      case 'gone':
        // 410, so that search engines and caches drop it.
        throw GoneError('This story has been withdrawn.');
      case 'missing':
        throw NotFoundError('There is no published story at that address.');
    }
  });

  return router;
}
