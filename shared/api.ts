/** The JSON shapes of the REST API, shared by the server and the client. */
import type { ArticleMeta, ArticleState, HeroImage } from './article';
import type { Role } from './roles';
import type { ProseMirrorJSON } from './text';

/** A newsroom member as the API shows them. */
export interface Person {
  id: string;
  name: string;
  color: string;
}

/** `GET /api/me`, and the body of a successful `POST /api/session`. */
export interface Me extends Person {
  email: string;
  role: Role;
}

/** One row of the story list: `GET /api/articles` → `{ articles: ArticleSummary[] }`. */
export interface ArticleSummary {
  id: string;
  state: ArticleState;
  headline: string;
  wordCount: number;
  createdBy: Person;
  createdAt: string;
  /** When the doc last changed (ISO 8601). */
  updatedAt: string;
  /** Who has the story open right now. */
  present: Person[];
}

/** `GET /api/articles/:id`, rendered from a copy of the live doc. */
export interface ArticleDetail extends ArticleSummary {
  standfirst: string;
  body: ProseMirrorJSON;
  html: string;
}

/** Every error the API answers with: a stable id and a sentence for people. */
export interface ApiError {
  error: string;
  message: string;
  details?: unknown;
}

/** A published story as readers and partners get it: `GET /api/public/articles/:slug`. */
export interface PublicArticle {
  id: string;
  slug: string;
  url: string;
  revision: number;
  headline: string;
  standfirst: string;
  byline: string[];
  desk: string;
  tags: string[];
  hero: HeroImage | null;
  /** Sanitised HTML built from the body schema. */
  html: string;
  body: ProseMirrorJSON;
  wordCount: number;
  aiNote: string | null;
  related: { slug: string; headline: string; url: string }[];
  corrections: { note: string; at: string }[];
  firstPublishedAt: string;
  publishedAt: string;
}

export type { ArticleMeta };
