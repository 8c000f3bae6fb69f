/** Freezing a publication: the rendered story becomes the revision readers get, in one pure step. */
import type { PublicArticle } from '../../shared/api';
import type { HeroImage } from '../../shared/article';
import type { ProseMirrorJSON } from '../../shared/text';
import { safeImage, safeLink } from '../../shared/urls';
import type { ArticleRecord } from '../articles/ArticleStore';
import type { RenderedArticle } from '../articles/render';
import type { Correction, NewPublishedRevision } from './PublishedStore';

/** Everything a published revision is made from. */
export interface FreezeInput {
  article: ArticleRecord;
  rendered: RenderedArticle;
  snapshot: Uint8Array;
  slug: string;
  revision: number;
  /** The public correction note of this revision, if any. */
  correction: string | null;
  /** The corrections of earlier revisions, oldest first. */
  corrections: Correction[];
  related: { slug: string; headline: string }[];
  publishedBy: string | null;
  at: Date;
  firstPublishedAt: string;
  /** Where readers reach this server, e.g. `https://news.example.org`. */
  origin: string;
}

/** The public URL of a story. */
export function storyUrl(origin: string, slug: string): string {
  return `${origin.replace(/\/+$/, '')}/news/${encodeURIComponent(slug)}`;
}

/** The revision row for a publication: the body HTML as the schema built it, and the public JSON. */
export function freezeRevision(input: FreezeInput): NewPublishedRevision {
  const { article, rendered, slug, at } = input;
  const publishedAt = at.toISOString();
  const corrections = input.correction ? [...input.corrections, { note: input.correction, at: publishedAt }] : [...input.corrections];
  const publicArticle: PublicArticle = {
    id: article.id,
    slug,
    url: storyUrl(input.origin, slug),
    revision: input.revision,
    headline: rendered.headline,
    standfirst: rendered.standfirst,
    byline: article.authors.map((a) => a.name),
    desk: rendered.meta.desk || article.desk,
    tags: rendered.meta.tags ?? [],
    hero: publicHero(rendered.meta.hero),
    html: rendered.html,
    body: safeBody(rendered.body),
    wordCount: rendered.wordCount,
    aiNote: rendered.meta.aiNote?.trim() || null,
    related: input.related.map((r) => ({ slug: r.slug, headline: r.headline, url: storyUrl(input.origin, r.slug) })),
    corrections,
    firstPublishedAt: input.firstPublishedAt,
    publishedAt,
  };
  return {
    articleId: article.id,
    revision: input.revision,
    slug,
    headline: rendered.headline,
    standfirst: rendered.standfirst,
    html: rendered.html,
    article: publicArticle,
    snapshot: input.snapshot,
    correction: input.correction,
    publishedBy: input.publishedBy,
    publishedAt,
  };
}

function publicHero(hero: HeroImage | null | undefined): HeroImage | null {
  const src = safeImage(hero?.src);
  return hero && src ? { src, alt: hero.alt, caption: hero.caption, credit: hero.credit } : null;
}

/**
 * The body JSON with only safe links and image sources. The HTML is already safe (the schema's
 * renderers check both), but partners render the JSON themselves, and a doc can carry any href.
 */
export function safeBody(node: ProseMirrorJSON): ProseMirrorJSON {
  const copy: ProseMirrorJSON = { ...node };
  if (node.marks) {
    copy.marks = node.marks.filter((m) => m.type !== 'link' || safeLink(m.attrs?.href as string | undefined) !== null);
    if (!copy.marks.length) delete copy.marks;
  }
  if (node.type === 'figure' && node.attrs) copy.attrs = { ...node.attrs, src: safeImage(node.attrs.src as string | undefined) };
  if (node.content) copy.content = node.content.map(safeBody);
  return copy;
}
