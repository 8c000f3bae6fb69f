/**
 * Who may pass each door, as data: every REST route, every collab message kind and every socket.io
 * event, with the rule that decides it. The rules read the workflow tables in `shared/workflow.ts`;
 * the authorization test walks every row for every role, byline and state, and fails on a route or
 * event that has no row here.
 */
import type { ArticleState } from '../../shared/article';
import type { Role } from '../../shared/roles';
import { accessFor, allows, canTransition, mayTake, type Action } from '../../shared/workflow';

/** Someone knocking: nobody signed in, or a member in a role, on the story's byline or not. */
export type Persona = { kind: 'anonymous' } | { kind: 'member'; role: Role; isAuthor: boolean };

/** How a door decides. */
export type Rule =
  /** Anyone, signed in or not (public pages, health, sign-in and sign-out). */
  | 'public'
  /** Anyone may try; only a member's right password passes (sign-in). */
  | 'credentials'
  /** Anyone signed in. */
  | 'signed-in'
  /** Anyone signed in who may read the story (today: every member may read every story). */
  | 'read'
  /** Only someone whose access in the story's state is `edit`. */
  | 'edit'
  /** Someone whose access in the story's state is `edit` or `suggest` (saving a version). */
  | 'edit-or-suggest'
  /** Someone whose access in the story's state allows commenting (`comment`, `suggest` or `edit`). */
  | 'comment'
  /** Authors of the story and editors (publisher, admin): the byline. */
  | 'byline'
  /** Editors, or someone who may edit the story and is on its byline: the deadline. */
  | 'deadline'
  /** Admins only. */
  | 'admin'
  /** The copy desk and editors (copy_editor, publisher, admin): dismissing checks, the newsroom dictionary. */
  | 'copy-desk'
  /** A workflow step: the transition table's "who" and "from". */
  | { transition: Action };

/** One door. */
export interface Door {
  door: 'rest' | 'collab' | 'socket';
  /** `GET /api/articles/:id`, a collab message kind, or a socket.io event. */
  name: string;
  rule: Rule;
}

const rest = (name: string, rule: Rule): Door => ({ door: 'rest', name, rule });

/** Every door of the server. */
export const AuthorizationMatrix: Door[] = [
  rest('GET /healthz', 'public'),
  rest('GET /readyz', 'public'),
  rest('GET /metrics', 'public'),
  rest('GET /news/assets/article.css', 'public'),
  rest('GET /news', 'public'),
  rest('GET /news/:slug', 'public'),
  rest('GET /feed.xml', 'public'),
  rest('GET /api/public/articles/:slug', 'public'),
  rest('POST /api/session', 'credentials'),
  rest('DELETE /api/session', 'public'),
  rest('GET /api/me', 'signed-in'),
  rest('POST /api/me/password', 'signed-in'),
  rest('PATCH /api/users/:id', 'admin'),
  rest('GET /api/people', 'signed-in'),
  rest('POST /api/articles/import', 'signed-in'),
  rest('GET /api/articles', 'signed-in'),
  rest('POST /api/articles', 'signed-in'),
  rest('GET /api/articles/:id', 'read'),
  rest('PATCH /api/articles/:id', 'deadline'),
  rest('POST /api/articles/:id/authors', 'byline'),
  rest('DELETE /api/articles/:id/authors/:userId', 'byline'),
  ...(['submit', 'return', 'sign_off', 'send_back', 'publish', 'schedule', 'unschedule', 'republish', 'unpublish', 'spike', 'restore'] as const).map((action) =>
    rest(`POST /api/articles/:id/transitions ${action}`, { transition: action }),
  ),
  rest('GET /api/articles/:id/events', 'read'),
  rest('GET /api/articles/:id/suggestions', 'read'),
  rest('GET /api/articles/:id/versions', 'read'),
  rest('POST /api/articles/:id/versions', 'edit-or-suggest'),
  rest('GET /api/articles/:id/versions/:a/diff/:b', 'read'),
  rest('GET /api/articles/:id/changes-since-sign-off', 'read'),
  rest('POST /api/articles/:id/versions/:vid/restore', 'edit'),
  rest('GET /api/articles/:id/threads', 'read'),
  rest('POST /api/articles/:id/threads', 'comment'),
  rest('POST /api/articles/:id/threads/:threadId/replies', 'comment'),
  rest('POST /api/articles/:id/threads/:threadId/resolve', 'comment'),
  rest('POST /api/articles/:id/threads/:threadId/reopen', 'comment'),
  rest('GET /api/articles/:id/checks', 'read'),
  rest('POST /api/articles/:id/checks/dismissals', 'copy-desk'),
  rest('DELETE /api/articles/:id/checks/dismissals/:dismissalId', 'copy-desk'),
  rest('GET /api/dictionary', 'signed-in'),
  rest('POST /api/dictionary', 'copy-desk'),
  rest('GET /api/notifications', 'signed-in'),
  rest('POST /api/notifications/:id/read', 'signed-in'),
  rest('GET /* (the app shell and its assets)', 'public'),
  { door: 'collab', name: 'connect', rule: 'read' },
  { door: 'collab', name: 'sync-step1', rule: 'read' },
  { door: 'collab', name: 'query-awareness', rule: 'read' },
  { door: 'collab', name: 'awareness', rule: 'read' },
  { door: 'collab', name: 'update', rule: 'edit' },
  { door: 'collab', name: 'sync-step2', rule: 'edit' },
  { door: 'socket', name: 'connect', rule: 'signed-in' },
  { door: 'socket', name: 'article:watch', rule: 'read' },
  { door: 'socket', name: 'article:unwatch', rule: 'signed-in' },
];

/** Whether a persona may pass a door while the story is in `state`. */
export function allowed(rule: Rule, persona: Persona, state: ArticleState): boolean {
  if (rule === 'public') return true;
  if (persona.kind === 'anonymous') return false;
  const { role, isAuthor } = persona;
  const editor = role === 'publisher' || role === 'admin';
  const access = accessFor(role, isAuthor, state);
  if (typeof rule === 'object') return mayTake(rule.transition, role, isAuthor) && canTransition(rule.transition, state);
  switch (rule) {
    case 'credentials':
    case 'signed-in':
    case 'read':
      return true;
    case 'edit':
      return access === 'edit';
    case 'edit-or-suggest':
      return access === 'edit' || access === 'suggest';
    case 'comment':
      return allows(access, 'comment');
    case 'byline':
      return editor || isAuthor;
    case 'deadline':
      return editor || (isAuthor && access === 'edit');
    case 'admin':
      return role === 'admin';
    case 'copy-desk':
      return role === 'copy_editor' || editor;
  }
}
