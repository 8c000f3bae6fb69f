/** The JSON shapes of the REST API, shared by the server and the client. */
import type { ArticleState } from './article';
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
