/** A small newsroom for workflow tests: one member per role, and stories ready for each step. */
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/events';
import type { ArticleState } from '../../shared/article';
import { createArticle } from '../../server/articles/createArticle';
import { paragraphs } from '../../server/articles/seed';
import type { Galley } from '../../server/app';
import { addUser, signIn, type TestUser } from './galley';

/** One member per role, plus a second reporter who is not on the byline. */
export interface Newsroom {
  author: TestUser & { cookie: string };
  otherWriter: TestUser & { cookie: string };
  copyEditor: TestUser & { cookie: string };
  publisher: TestUser & { cookie: string };
  admin: TestUser & { cookie: string };
}

/** Adds the newsroom's members and signs each in. */
export async function makeNewsroom(galley: Galley, url: string): Promise<Newsroom> {
  const member = async (role: TestUser['role'], name: string) => {
    const user = await addUser(galley, role, name);
    return { ...user, cookie: await signIn(url, user) };
  };
  return {
    author: await member('writer', 'Rosa Okafor'),
    otherWriter: await member('writer', 'Tom Lindqvist'),
    copyEditor: await member('copy_editor', 'Inès Moreau'),
    publisher: await member('publisher', 'Sam Achebe'),
    admin: await member('admin', 'Priya Raman'),
  };
}

/** Sixty words of body copy. */
export const readyBody = paragraphs(
  'The Harbour Bridge will close to traffic every night for six weeks from Monday while engineers replace the expansion joints that carry the deck across its three spans, the city transport department said on Thursday.',
  'Night buses on routes 4 and 11 will divert through the old town, adding about eight minutes to a journey, and cyclists will still be able to cross.',
);

/** A story by `author` that passes the publish checklist, put straight into `state`. */
export async function readyStory(galley: Galley, authorId: string, state: ArticleState = 'draft', headline = 'Harbour bridge to close for six weeks'): Promise<string> {
  const article = await createArticle({ articles: galley.articles }, { createdBy: authorId, headline, standfirst: 'Night closures from Monday.', body: readyBody });
  if (state !== 'draft') await galley.articles.applyStateChange(article.id, { state, spikedFrom: state === 'spiked' ? 'draft' : undefined }, new Date());
  return article.id;
}

/** A signed-in socket.io client, connected. */
export async function newsroomSocket(url: string, cookie: string): Promise<Socket<ServerToClientEvents, ClientToServerEvents>> {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(url, { path: '/socket.io', transports: ['websocket'], extraHeaders: { cookie }, reconnection: false });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

/** Resolves with the first event of a kind that matches. */
export function nextEvent<E extends keyof ServerToClientEvents>(socket: Socket<ServerToClientEvents, ClientToServerEvents>, event: E, match: (...args: Parameters<ServerToClientEvents[E]>) => boolean = () => true, ms = 5000): Promise<Parameters<ServerToClientEvents[E]>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${String(event)} event within ${ms} ms`)), ms);
    const listener = (...args: Parameters<ServerToClientEvents[E]>) => {
      if (!match(...args)) return;
      clearTimeout(timer);
      socket.off(event, listener as never);
      resolve(args);
    };
    socket.on(event, listener as never);
  });
}
