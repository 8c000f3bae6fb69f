/** The JSON shapes of the REST API, shared by the server and the client. */
import type { ArticleMeta, ArticleState, HeroImage } from './article';
import type { Role } from './roles';
import type { ProseMirrorJSON } from './text';
import type { Access, Action, ServerStep } from './workflow';
import type { ChecklistItem } from './checklist';

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

/** One row of the story budget: `GET /api/articles` → `{ articles: ArticleSummary[] }`. */
export interface ArticleSummary {
  id: string;
  state: ArticleState;
  headline: string;
  wordCount: number;
  desk: string;
  /** The byline, creator first. */
  authors: Person[];
  deadline: string | null;
  scheduledAt: string | null;
  slug: string | null;
  publishedAt: string | null;
  createdBy: Person;
  createdAt: string;
  /** When the doc last changed (ISO 8601). */
  updatedAt: string;
  /** Who has the story open right now. */
  present: Person[];
}

/** `GET /api/articles/:id`, rendered from a copy of the live doc, with what the viewer may do. */
export interface ArticleDetail extends ArticleSummary {
  standfirst: string;
  body: ProseMirrorJSON;
  html: string;
  meta: ArticleMeta;
  /** The viewer's access in the current state. */
  access: Access;
  /** The workflow actions the viewer may take now (gates are checked when taken). */
  actions: Action[];
  /** The publish checklist as it stands. */
  checklist: ChecklistItem[];
}

/** One line of a story's audit log: `GET /api/articles/:id/events`. */
export interface AuditEntry {
  id: number;
  articleId: string;
  action: Action | ServerStep;
  from: ArticleState;
  to: ArticleState;
  /** Who took it; null when the server did (a scheduled publication). */
  by: Person | null;
  note: string | null;
  at: string;
}

/** Something that needs a person's attention: `GET /api/notifications`. */
export interface Notification {
  id: number;
  articleId: string | null;
  kind: 'reached_desk' | 'returned' | 'published' | 'schedule_failed' | 'co_author' | 'mentioned';
  message: string;
  createdAt: string;
  readAt: string | null;
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
