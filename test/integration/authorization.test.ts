/**
 * The authorization matrix, walked cell by cell: every door × every persona × every state, with a
 * real request, message or event from a real user. Allowed ones pass, refused ones get 401/403 (or the
 * 4401/4409 close codes), and a refused write changes nothing. A route with no row fails the test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import { ArticleStates, type ArticleState } from '../../shared/article';
import { accessFor, Transitions, type Action } from '../../shared/workflow';
import { anchorBetween, type ThreadAnchor } from '../../shared/comments';
import { allowed, AuthorizationMatrix, type Door, type Persona } from '../../server/security/authorizationMatrix';
import { applyStored } from '../../server/store/applyStored';
import { addUser, api, signIn, startGalley, type RunningGalley, type TestUser } from '../helpers/galley';
import { openRawSocket } from '../helpers/rawSocket';
import { newsroomSocket, readyStory } from '../helpers/newsroom';

let running: RunningGalley;
let storyId: string;
const slug = 'matrix-story';
type Member = TestUser & { cookie: string };
const personas: { label: string; persona: Persona; member?: Member }[] = [];
let spare: TestUser;

beforeAll(async () => {
  running = await startGalley();
  const member = async (role: TestUser['role'], name: string): Promise<Member> => {
    const user = await addUser(running.galley, role, name);
    return { ...user, cookie: await signIn(running.url, user) };
  };
  const author = await member('writer', 'Rosa Okafor');
  storyId = await readyStory(running.galley, author.id, 'draft', 'Matrix story');
  await running.galley.articles.updateOwned(storyId, { slug });
  personas.push(
    { label: 'anonymous', persona: { kind: 'anonymous' } },
    { label: 'writer (author)', persona: { kind: 'member', role: 'writer', isAuthor: true }, member: author },
    { label: 'writer', persona: { kind: 'member', role: 'writer', isAuthor: false }, member: await member('writer', 'Tom Lindqvist') },
    { label: 'copy editor', persona: { kind: 'member', role: 'copy_editor', isAuthor: false }, member: await member('copy_editor', 'Inès Moreau') },
    { label: 'publisher', persona: { kind: 'member', role: 'publisher', isAuthor: false }, member: await member('publisher', 'Sam Achebe') },
    { label: 'admin', persona: { kind: 'member', role: 'admin', isAuthor: false }, member: await member('admin', 'Priya Raman') },
  );
  spare = await addUser(running.galley, 'writer', 'Spare Reporter');
});
afterAll(() => running.stop());

/** Every route the Express app serves, as `METHOD /path`. */
function servedRoutes(): string[] {
  const routes: string[] = [];
  const walk = (stack: Layer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const method of Object.keys(layer.route.methods)) {
          const path = typeof layer.route.path === 'string' ? `${prefix}${layer.route.path}`.replace(/(.)\/$/, '$1') : null;
          routes.push(path ? `${method.toUpperCase()} ${path}` : `${method.toUpperCase()} /* (the app shell and its assets)`);
        }
      } else if (layer.handle?.stack) walk(layer.handle.stack, prefix + (layer.rawPath && layer.rawPath !== '/' ? layer.rawPath : ''));
    }
  };
  walk((running.galley.app as unknown as { router: { stack: Layer[] } }).router.stack, '');
  return routes;
}
interface Layer {
  route?: { path: string | RegExp; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
  rawPath?: string;
}

/** Puts the story into a state, with what that state needs. */
async function putInto(state: ArticleState): Promise<void> {
  const now = new Date();
  await running.galley.articles.applyStateChange(
    storyId,
    {
      state,
      spikedFrom: state === 'spiked' ? 'copy_edit' : null,
      scheduledAt: state === 'scheduled' ? new Date(now.getTime() + 86_400_000).toISOString() : null,
      firstPublishedAt: ['published', 'unpublished'].includes(state) ? now.toISOString() : null,
    },
    now,
  );
}

/** What a refused write must not change: the story's row, byline, doc and revisions, and everyone's role. */
async function fingerprint(): Promise<string> {
  const article = await running.galley.articles.byId(storyId);
  const doc = new Y.Doc();
  applyStored(doc, await running.galley.docs.load(storyId));
  const people = (await running.galley.users.list()).map((u) => `${u.id}:${u.role}:${u.passwordHash}`);
  return JSON.stringify({
    article: { ...article, updatedAt: undefined },
    doc: [...Y.encodeStateVector(doc)],
    text: doc.getXmlFragment('body').toString() + doc.getXmlFragment('headline').toString(),
    revision: (await running.galley.published.latestForArticle(storyId))?.revision ?? 0,
    people,
  });
}

/** A saved version of the matrix story, to compare and restore. */
async function matrixVersion(): Promise<number> {
  const saved = await running.galley.versions.list(storyId);
  return saved[0]?.id ?? (await running.galley.versions.saveNamed(storyId, 'Matrix version', null)).id;
}

const future = () => new Date(Date.now() + 86_400_000).toISOString();

/** An anchor on the story's first words, for the comment doors. */
async function firstWords(): Promise<ThreadAnchor> {
  const doc = new Y.Doc();
  applyStored(doc, await running.galley.docs.load(storyId));
  try {
    return anchorBetween(doc.getXmlFragment('body'), 1, 8)!.anchor;
  } finally {
    doc.destroy();
  }
}
const transitionBody = (action: Action) => ({
  action,
  note: Transitions[action].needsNote || action === 'republish' ? 'Matrix note.' : undefined,
  at: action === 'schedule' ? future() : undefined,
});

/** Makes the request of one REST door, as one persona. Returns its status. */
async function knock(door: Door, member: Member | undefined): Promise<number> {
  const cookie = member?.cookie;
  const call = async (method: string, route: string, body?: unknown) => (await api(running.url, cookie, method, route, body)).status;
  const [method, path] = door.name.split(' ');
  switch (door.name) {
    case 'POST /api/session': {
      // From a fresh browser: signing in where a session cookie exists ends that session.
      const credentials = member ? { email: member.email, password: member.password } : { email: 'nobody@galley.test', password: 'not a real password' };
      return (await api(running.url, undefined, 'POST', '/api/session', credentials)).status;
    }
    case 'DELETE /api/session': {
      // Sign out a second session, so the persona's own stays for the next cells.
      const throwaway = member ? await signIn(running.url, member) : undefined;
      return (await api(running.url, throwaway, 'DELETE', '/api/session')).status;
    }
    case 'POST /api/me/password':
      return call('POST', '/api/me/password', { current: 'not the password', next: 'short' });
    case 'PATCH /api/users/:id':
      return call('PATCH', `/api/users/${spare.id}`, { role: 'writer' });
    case 'POST /api/articles/import':
      return call('POST', '/api/articles/import', { text: 'Night buses for shift workers\n\nA pilot starts on Monday.\n\nThe council approved hourly buses until 2am for hospital staff.' });
    case 'POST /api/articles':
      return call('POST', '/api/articles', {});
    case 'PATCH /api/articles/:id':
      return call('PATCH', `/api/articles/${storyId}`, { deadline: future() });
    case 'POST /api/articles/:id/authors': {
      const status = await call('POST', `/api/articles/${storyId}/authors`, { userId: spare.id });
      await running.galley.articles.removeAuthor(storyId, spare.id);
      return status;
    }
    case 'DELETE /api/articles/:id/authors/:userId': {
      await running.galley.articles.addAuthor(storyId, spare.id, spare.id);
      const status = await call('DELETE', `/api/articles/${storyId}/authors/${spare.id}`);
      await running.galley.articles.removeAuthor(storyId, spare.id);
      return status;
    }
    case 'POST /api/notifications/:id/read': {
      const id = member ? (await running.galley.notifications.add([member.id], { articleId: storyId, kind: 'reached_desk', message: 'Matrix.' })).get(member.id)!.id : 1;
      return call('POST', `/api/notifications/${id}/read`);
    }
    case 'POST /api/articles/:id/threads':
      return call('POST', `/api/articles/${storyId}/threads`, { anchor: await firstWords(), quote: 'Harbour', body: 'Matrix comment.' });
    case 'POST /api/articles/:id/threads/:threadId/replies':
    case 'POST /api/articles/:id/threads/:threadId/resolve':
    case 'POST /api/articles/:id/threads/:threadId/reopen': {
      const { comments, users } = running.galley;
      const by = (await users.list())[0].id;
      const threadId = await comments.open({ articleId: storyId, anchor: await firstWords(), quote: 'Harbour', createdBy: by, body: 'Matrix thread.', at: new Date() });
      if (door.name.endsWith('reopen')) await comments.resolve(threadId, by, new Date());
      return call('POST', path.replace(':id', storyId).replace(':threadId', threadId), door.name.endsWith('replies') ? { body: 'Matrix reply.' } : undefined);
    }
    case 'POST /api/articles/:id/versions':
      return call('POST', `/api/articles/${storyId}/versions`, { name: 'Matrix version' });
    case 'GET /api/articles/:id/versions/:a/diff/:b':
      return call('GET', `/api/articles/${storyId}/versions/${await matrixVersion()}/diff/live`);
    case 'POST /api/articles/:id/versions/:vid/restore':
      return call('POST', `/api/articles/${storyId}/versions/${await matrixVersion()}/restore`);
    case 'GET /* (the app shell and its assets)':
      return call('GET', `/stories/${storyId}`);
  }
  if (typeof door.rule === 'object') return call('POST', `/api/articles/${storyId}/transitions`, transitionBody(door.rule.transition));
  return call(method, path.replace(':id', storyId).replace(':slug', slug));
}

describe('the authorization matrix', () => {
  it('has a row for every route the server serves', () => {
    const rows = new Set(AuthorizationMatrix.filter((d) => d.door === 'rest').map((d) => d.name.replace(/ (submit|return|sign_off|send_back|publish|schedule|unschedule|republish|unpublish|spike|restore)$/, '')));
    const missing = servedRoutes().filter((r) => !rows.has(r));
    expect(missing).toEqual([]);
  });

  it('has a row for every socket.io event the server listens to', async () => {
    const socket = await newsroomSocket(running.url, personas[1].member!.cookie);
    const [serverSide] = await running.galley.realtime.io.fetchSockets();
    const local = running.galley.realtime.io.of('/').sockets.get(serverSide.id)!;
    const reserved = new Set(['disconnect', 'disconnecting', 'error']);
    const listened = local.eventNames().map(String).filter((e) => !reserved.has(e));
    const rows = new Set(AuthorizationMatrix.filter((d) => d.door === 'socket').map((d) => d.name));
    expect(listened.length).toBeGreaterThan(0);
    expect(listened.filter((e) => !rows.has(e))).toEqual([]);
    socket.close();
  });

  it('every REST cell: allowed ones pass, refused ones get 401 or 403 (409 for a step from the wrong state) and change nothing', async () => {
    let cells = 0;
    for (const door of AuthorizationMatrix.filter((d) => d.door === 'rest')) {
      for (const state of ArticleStates) {
        for (const { label, persona, member } of personas) {
          await putInto(state);
          const before = await fingerprint();
          const status = await knock(door, member);
          const cell = `${door.name} as ${label} in ${state} → ${status}`;
          expect(status, cell).toBeLessThan(500);
          if (allowed(door.rule, persona, state)) {
            expect([401, 403], cell).not.toContain(status);
            if (typeof door.rule === 'object') expect(status, cell).toBe(200);
          } else {
            const refusals = persona.kind === 'anonymous' ? [401] : typeof door.rule === 'object' ? [403, 409] : [403];
            expect(refusals, cell).toContain(status);
            expect(await fingerprint(), cell).toBe(before);
          }
          cells++;
        }
      }
    }
    console.log(`REST cells exercised: ${cells}`);
    expect(cells).toBe(AuthorizationMatrix.filter((d) => d.door === 'rest').length * ArticleStates.length * personas.length);
  });

  it('every collab cell: readers may read and show their caret, only editors may change the story', async () => {
    const frame = (...parts: ((e: encoding.Encoder) => void)[]) => {
      const e = encoding.createEncoder();
      for (const p of parts) p(e);
      return encoding.toUint8Array(e);
    };
    let cells = 0;
    for (const state of ArticleStates) {
      for (const { label, persona, member } of personas) {
        await putInto(state);
        const may = (name: string) => allowed(AuthorizationMatrix.find((d) => d.door === 'collab' && d.name === name)!.rule, persona, state);
        const socket = await openRawSocket(running.url, storyId, member?.cookie);
        if (!may('connect')) {
          expect(await socket.closed, `${label} connect`).toBe(4401);
          cells += 6;
          continue;
        }
        let closedWith: number | undefined;
        void socket.closed.then((c) => (closedWith = c));
        const answer = async (data: Uint8Array, type: number) => {
          const seen = socket.received.length;
          socket.ws.send(data);
          const deadline = Date.now() + 3000;
          while (!socket.received.slice(seen).some((f) => f[0] === type) && closedWith === undefined && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
          return socket.received.slice(seen).some((f) => f[0] === type);
        };
        expect(await answer(frame((e) => encoding.writeVarUint(e, 0), (e) => encoding.writeVarUint(e, 0), (e) => encoding.writeVarUint8Array(e, Uint8Array.of(0))), 0), `${label} sync-step1 in ${state}`).toBe(true);
        expect(await answer(frame((e) => encoding.writeVarUint(e, 3)), 1), `${label} query-awareness in ${state}`).toBe(true);
        const me = new awarenessProtocol.Awareness(new Y.Doc());
        me.setLocalStateField('cursor:body', null);
        const awarenessUpdate = awarenessProtocol.encodeAwarenessUpdate(me, [me.clientID]);
        socket.ws.send(frame((e) => encoding.writeVarUint(e, 1), (e) => encoding.writeVarUint8Array(e, awarenessUpdate)));
        // Accepted: the room's carets, asked for next, hold it (a caret is not sent back to its sender).
        const seen = socket.received.length;
        expect(await answer(frame((e) => encoding.writeVarUint(e, 3)), 1), `${label} awareness in ${state}`).toBe(true);
        const carets = new awarenessProtocol.Awareness(new Y.Doc());
        for (const f of socket.received.slice(seen).filter((f) => f[0] === 1)) {
          const decoder = decoding.createDecoder(f);
          decoding.readVarUint(decoder);
          awarenessProtocol.applyAwarenessUpdate(carets, decoding.readVarUint8Array(decoder), null);
        }
        expect(carets.getStates().has(me.clientID), `${label} awareness in ${state}`).toBe(true);
        carets.destroy();
        me.destroy();

        for (const kind of ['update', 'sync-step2'] as const) {
          const before = await fingerprint();
          const edit = new Y.Doc();
          edit.getXmlFragment('body').insert(0, [new Y.XmlElement('paragraph')]);
          const update = Y.encodeStateAsUpdate(edit);
          socket.ws.send(frame((e) => encoding.writeVarUint(e, 0), (e) => encoding.writeVarUint(e, kind === 'update' ? 2 : 1), (e) => encoding.writeVarUint8Array(e, update)));
          const cell = `${label} ${kind} in ${state}`;
          if (may(kind)) {
            await running.galley.collab.openRoom(storyId)?.whenDurable();
            await new Promise((r) => setTimeout(r, 20));
            expect(closedWith, cell).toBeUndefined();
            expect(await fingerprint(), cell).not.toBe(before);
          } else {
            // A suggester's plain change is refused as not a suggestion (4422), anyone else's as read-only (4409).
            const suggester = persona.kind === 'member' && accessFor(persona.role, persona.isAuthor, state) === 'suggest';
            expect(await socket.closed, cell).toBe(suggester ? 4422 : 4409);
            expect(await fingerprint(), cell).toBe(before);
            break;
          }
        }
        socket.ws.close();
        await socket.closed;
        cells += 6;
      }
    }
    console.log(`collab cells exercised: ${cells}`);
    expect(cells).toBe(6 * ArticleStates.length * personas.length);
  });

  it('every socket.io cell: members connect and watch any story, strangers do not connect', async () => {
    let cells = 0;
    for (const state of ArticleStates) {
      await putInto(state);
      for (const { label, persona, member } of personas) {
        if (persona.kind === 'anonymous') {
          await expect(newsroomSocket(running.url, 'galley_session=none'), label).rejects.toThrow(/unauthenticated/);
          cells += 3;
          continue;
        }
        const socket = await newsroomSocket(running.url, member!.cookie);
        const reply = await socket.emitWithAck('article:watch', storyId);
        expect(reply, `${label} watch in ${state}`).toMatchObject({ ok: true });
        socket.emit('article:unwatch', storyId);
        socket.close();
        cells += 3;
      }
    }
    console.log(`socket.io cells exercised: ${cells}`);
    expect(cells).toBe(3 * ArticleStates.length * personas.length);
  });
});
