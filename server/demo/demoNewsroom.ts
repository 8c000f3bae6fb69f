/**
 * The demo newsroom: on an empty database, one member per role and three stories to open,
 * so a first `npm start` has something to show. Passwords are random and printed once.
 */
import { randomBytes } from 'node:crypto';
import type { Role } from '../../shared/roles';
import type { ArticleStore } from '../articles/ArticleStore';
import { createArticle } from '../articles/createArticle';
import { paragraphs } from '../articles/seed';
import type { UserStore } from '../auth/users';
import { demoStories } from './demoStories';

/** A demo member and the password they were given. */
export interface DemoLogin {
  email: string;
  name: string;
  role: Role;
  password: string;
}

const members: Omit<DemoLogin, 'password'>[] = [
  { email: 'rosa@galley.test', name: 'Rosa Okafor', role: 'writer' },
  { email: 'tom@galley.test', name: 'Tom Lindqvist', role: 'writer' },
  { email: 'ines@galley.test', name: 'Inès Moreau', role: 'copy_editor' },
  { email: 'sam@galley.test', name: 'Sam Achebe', role: 'publisher' },
  { email: 'admin@galley.test', name: 'Priya Raman', role: 'admin' },
];

/** Creates the demo newsroom if the database has no users yet; returns the logins, or [] if it did nothing. */
export async function ensureDemoNewsroom(users: UserStore, articles: ArticleStore): Promise<DemoLogin[]> {
  if ((await users.count()) > 0) return [];
  const logins: DemoLogin[] = [];
  for (const m of members) {
    const password = randomBytes(9).toString('base64url');
    await users.add({ ...m, password });
    logins.push({ ...m, password });
  }
  const [rosa, tom] = await Promise.all([users.byEmail(members[0].email), users.byEmail(members[1].email)]);
  const authors = [rosa!, tom!, rosa!];
  for (const [i, story] of demoStories.entries()) {
    await createArticle({ articles }, { createdBy: authors[i % authors.length].id, headline: story.headline, standfirst: story.standfirst, body: paragraphs(...story.body) });
  }
  return logins;
}

/** The console block that shows the demo logins, once. */
export function formatDemoLogins(logins: DemoLogin[], url: string): string {
  const width = Math.max(...logins.map((l) => l.email.length));
  const lines = logins.map((l) => `  ${l.email.padEnd(width)}  ${l.password}  (${l.name}, ${l.role})`);
  return [
    '',
    'Galley demo newsroom created. These passwords are shown only this once:',
    ...lines,
    `Sign in at ${url}`,
    '',
  ].join('\n');
}
