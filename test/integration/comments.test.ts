/**
 * Comment threads over REST and socket.io, against a real server: who may comment, replies, resolve
 * and reopen heard live by the story's watchers, @mentions notifying exactly the people named, the
 * publish checklist's `comments` line, detached threads, and bad input refused with nothing stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { toBase64 } from 'lib0/buffer';
import { yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import type { ApiError, ArticleDetail, Notification } from '../../shared/api';
import type { ArticleState } from '../../shared/article';
import { anchorBetween, type CommentThread, type ThreadAnchor } from '../../shared/comments';
import { bodySchema } from '../../shared/schema';
import { api, startGalley, type RunningGalley } from '../helpers/galley';
import { connectEditor, waitFor, type TestEditor } from '../helpers/editor';
import { makeNewsroom, newsroomSocket, nextEvent, readyStory, type Newsroom } from '../helpers/newsroom';

let running: RunningGalley;
let newsroom: Newsroom;
const open: TestEditor[] = [];

beforeAll(async () => {
  running = await startGalley();
  newsroom = await makeNewsroom(running.galley, running.url);
});
afterAll(async () => {
  for (const editor of open) editor.destroy();
  await running.stop();
});

type Member = Newsroom[keyof Newsroom];

/** Opens the story as a y-websocket client of `member`, as the browser does. */
async function editorOf(member: Member, articleId: string): Promise<TestEditor> {
  const editor = connectEditor(running.url, articleId, member.cookie);
  open.push(editor);
  await editor.synced;
  return editor;
}

/** Where a phrase first appears in the body, in the positions an editor uses. */
function find(doc: Y.Doc, phrase: string): { from: number; to: number } {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  let found: { from: number; to: number } | null = null;
  yXmlFragmentToProseMirrorRootNode(copy.getXmlFragment('body'), bodySchema()).descendants((node, pos) => {
    const at = node.isText ? node.text!.indexOf(phrase) : -1;
    if (!found && at >= 0) found = { from: pos + at, to: pos + at + phrase.length };
  });
  copy.destroy();
  if (!found) throw new Error(`"${phrase}" is not in the body`);
  return found;
}

/** What a browser sends when someone selects `phrase` and comments. */
function selection(doc: Y.Doc, phrase: string): { anchor: ThreadAnchor; quote: string } {
  const { from, to } = find(doc, phrase);
  return anchorBetween(doc.getXmlFragment('body'), from, to)!;
}

const threadsOf = async (articleId: string, member: Member = newsroom.publisher) =>
  (await api<{ threads: CommentThread[] }>(running.url, member.cookie, 'GET', `/api/articles/${articleId}/threads`)).body.threads;

const moveTo = (articleId: string, state: ArticleState) => running.galley.articles.applyStateChange(articleId, { state }, new Date());

const notificationsOf = async (member: Member) => (await api<{ notifications: Notification[] }>(running.url, member.cookie, 'GET', '/api/notifications')).body.notifications;

describe('comment threads', () => {
  it('a reporter off the byline comments on the words she selected; a watcher hears it live; reply, resolve, reopen', async () => {
    const id = await readyStory(running.galley, newsroom.author.id, 'draft');
    const watcher = await newsroomSocket(running.url, newsroom.author.cookie);
    expect(await watcher.emitWithAck('article:watch', id)).toEqual({ ok: true, access: 'edit' });
    const stranger = await newsroomSocket(running.url, newsroom.admin.cookie);
    const strangerHeard: CommentThread[] = [];
    stranger.on('thread:changed', (t) => strangerHeard.push(t));

    // Tom is not on the byline: in a draft he may comment, not edit.
    const tom = await editorOf(newsroom.otherWriter, id);
    const { anchor, quote } = selection(tom.doc, 'expansion joints');
    const heard = nextEvent(watcher, 'thread:changed');
    const opened = await api<CommentThread>(running.url, newsroom.otherWriter.cookie, 'POST', `/api/articles/${id}/threads`, { anchor, quote, body: 'Are these the joints on all three spans?' });
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({
      articleId: id,
      anchor,
      quote: 'expansion joints',
      createdBy: { id: newsroom.otherWriter.id, name: 'Tom Lindqvist' },
      resolvedAt: null,
      detached: false,
      comments: [{ author: { name: 'Tom Lindqvist' }, body: 'Are these the joints on all three spans?' }],
    });
    const [live] = await heard;
    expect(live).toEqual(opened.body);
    expect(await threadsOf(id, newsroom.copyEditor)).toEqual([opened.body]);

    // The author answers; the copy editor (comment access in a draft) resolves; Tom reopens.
    const threadUrl = `/api/articles/${id}/threads/${opened.body.id}`;
    let next = nextEvent(watcher, 'thread:changed');
    const reply = await api<CommentThread>(running.url, newsroom.author.cookie, 'POST', `${threadUrl}/replies`, { body: 'Yes, all three.' });
    expect(reply.status).toBe(201);
    expect(reply.body.comments.map((c) => [c.author.name, c.body])).toEqual([
      ['Tom Lindqvist', 'Are these the joints on all three spans?'],
      ['Rosa Okafor', 'Yes, all three.'],
    ]);
    expect((await next)[0]).toEqual(reply.body);

    next = nextEvent(watcher, 'thread:changed');
    const resolved = await api<CommentThread>(running.url, newsroom.copyEditor.cookie, 'POST', `${threadUrl}/resolve`);
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({ resolvedBy: { id: newsroom.copyEditor.id, name: 'Inès Moreau' }, resolvedAt: expect.any(String) });
    expect((await next)[0]).toMatchObject({ id: opened.body.id, resolvedBy: { name: 'Inès Moreau' } });

    next = nextEvent(watcher, 'thread:changed');
    const reopened = await api<CommentThread>(running.url, newsroom.otherWriter.cookie, 'POST', `${threadUrl}/reopen`);
    expect(reopened.status).toBe(200);
    expect(reopened.body).toMatchObject({ resolvedAt: null, resolvedBy: null });
    expect((await next)[0]).toMatchObject({ id: opened.body.id, resolvedAt: null });
    expect((await threadsOf(id)).map((t) => [t.resolvedAt, t.comments.length])).toEqual([[null, 2]]);

    // Only the story's watchers hear its threads.
    await new Promise((r) => setTimeout(r, 100));
    expect(strangerHeard).toEqual([]);
    watcher.close();
    stranger.close();
  });

  it('refuses a reader whose access is read only (403), storing nothing', async () => {
    const id = await readyStory(running.galley, newsroom.author.id, 'draft');
    const tom = await editorOf(newsroom.otherWriter, id);
    const words = selection(tom.doc, 'Harbour Bridge');
    const first = await api<CommentThread>(running.url, newsroom.copyEditor.cookie, 'POST', `/api/articles/${id}/threads`, { ...words, body: 'Capitalised?' });
    expect(first.status).toBe(201);

    // Awaiting approval, a reporter off the byline may only read.
    await moveTo(id, 'approval');
    const before = await threadsOf(id);
    const threadUrl = `/api/articles/${id}/threads/${first.body.id}`;
    for (const [route, body] of [
      [`/api/articles/${id}/threads`, { ...words, body: 'Me too.' }],
      [`${threadUrl}/replies`, { body: 'Me too.' }],
      [`${threadUrl}/resolve`, undefined],
    ] as const) {
      const res = await api<ApiError>(running.url, newsroom.otherWriter.cookie, 'POST', route, body);
      expect(res.status, route).toBe(403);
      expect(res.body.error).toBe('forbidden');
    }
    // Reading stays open to him.
    expect(await threadsOf(id, newsroom.otherWriter)).toEqual(before);
    // The author may still comment while her story awaits approval.
    expect((await api(running.url, newsroom.author.cookie, 'POST', `${threadUrl}/replies`, { body: 'It is a name.' })).status).toBe(201);
    // Once scheduled, nobody may.
    await moveTo(id, 'scheduled');
    expect((await api(running.url, newsroom.publisher.cookie, 'POST', `${threadUrl}/resolve`)).status).toBe(403);
    expect((await threadsOf(id)).map((t) => [t.comments.length, t.resolvedAt])).toEqual([[2, null]]);
  });

  it('@mentions notify the people named, live, and nobody else', async () => {
    const id = await readyStory(running.galley, newsroom.author.id, 'draft', 'Night buses divert through the old town');
    const rosa = await newsroomSocket(running.url, newsroom.author.cookie);
    const before = new Map<string, number>();
    for (const key of Object.keys(newsroom) as (keyof Newsroom)[]) before.set(key, (await notificationsOf(newsroom[key])).length);

    const tom = await editorOf(newsroom.otherWriter, id);
    const pushed = nextEvent(rosa, 'notification', (n) => n.kind === 'mentioned');
    const res = await api<CommentThread>(running.url, newsroom.otherWriter.cookie, 'POST', `/api/articles/${id}/threads`, {
      ...selection(tom.doc, 'eight minutes'),
      body: '@Rosa is this from the transport department? cc @Inès Moreau, and @Tom (me) for the record. sam@example.org',
    });
    expect(res.status).toBe(201);
    const [notification] = await pushed;
    expect(notification).toMatchObject({ articleId: id, kind: 'mentioned', readAt: null });
    expect(notification.message).toContain('Tom Lindqvist mentioned you in a comment on “Night buses divert through the old town”');

    const added = async (key: keyof Newsroom) => (await notificationsOf(newsroom[key])).length - before.get(key)!;
    expect(await added('author')).toBe(1);
    expect(await added('copyEditor')).toBe(1);
    expect(await added('otherWriter')).toBe(0);
    expect(await added('publisher')).toBe(0);
    expect(await added('admin')).toBe(0);
    expect((await notificationsOf(newsroom.copyEditor))[0]).toMatchObject({ kind: 'mentioned', articleId: id });

    // A reply mentioning someone notifies them too.
    await api(running.url, newsroom.author.cookie, 'POST', `/api/articles/${id}/threads/${res.body.id}/replies`, { body: 'Yes. @Sam Achebe, fine to run?' });
    expect(await added('publisher')).toBe(1);
    expect(await added('author')).toBe(1);
    rosa.close();
  });

  it('open threads fail the publish checklist; resolving them lets the story out', async () => {
    const id = await readyStory(running.galley, newsroom.author.id, 'approval');
    const item = async () => (await api<ArticleDetail>(running.url, newsroom.publisher.cookie, 'GET', `/api/articles/${id}`)).body.checklist.find((i) => i.rule === 'comments')!;
    expect(await item()).toMatchObject({ ok: true });

    const desk = await editorOf(newsroom.publisher, id);
    const urls: string[] = [];
    for (const [phrase, body] of [
      ['six weeks', 'Six or seven?'],
      ['old town', 'Which streets?'],
    ]) {
      const res = await api<CommentThread>(running.url, newsroom.publisher.cookie, 'POST', `/api/articles/${id}/threads`, { ...selection(desk.doc, phrase), body });
      urls.push(`/api/articles/${id}/threads/${res.body.id}`);
    }
    expect(await item()).toMatchObject({ ok: false, message: 'No open comment threads (now 2 threads).' });
    const refused = await api<ApiError & { details: { failing: { rule: string }[] } }>(running.url, newsroom.publisher.cookie, 'POST', `/api/articles/${id}/transitions`, { action: 'publish' });
    expect(refused.status).toBe(422);
    expect(refused.body.details.failing.map((f) => f.rule)).toContain('comments');

    await api(running.url, newsroom.publisher.cookie, 'POST', `${urls[0]}/resolve`);
    expect(await item()).toMatchObject({ ok: false, message: 'No open comment threads (now 1 thread).' });
    await api(running.url, newsroom.publisher.cookie, 'POST', `${urls[1]}/resolve`);
    expect(await item()).toMatchObject({ ok: true });
    const published = await api<ApiError & { state: string; details?: unknown }>(running.url, newsroom.publisher.cookie, 'POST', `/api/articles/${id}/transitions`, { action: 'publish' });
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    expect(published.body.state).toBe('published');
  });

  it('stays on its words while others type around them, and shows as detached with its quote once they are deleted', async () => {
    const id = await readyStory(running.galley, newsroom.author.id, 'draft');
    const rosa = await editorOf(newsroom.author, id);
    const tom = await editorOf(newsroom.otherWriter, id);
    const res = await api<CommentThread>(running.url, newsroom.otherWriter.cookie, 'POST', `/api/articles/${id}/threads`, { ...selection(tom.doc, 'expansion joints'), body: 'Check.' });

    // The author types right against both edges of the words.
    const text = (doc: Y.Doc) => (doc.getXmlFragment('body').get(0) as Y.XmlElement).get(0) as Y.XmlText;
    const at = text(rosa.doc).toString().indexOf('expansion joints');
    text(rosa.doc).insert(at + 'expansion joints'.length, ' and bearings');
    text(rosa.doc).insert(at, 'steel ');
    await waitFor(() => text(tom.doc).toString().includes('steel expansion joints and bearings'), 'the edits to reach the reader');
    await running.galley.collab.openRoom(id)?.whenDurable();
    const [kept] = await threadsOf(id);
    expect(kept.detached).toBe(false);
    const { from, to } = find(tom.doc, 'expansion joints');
    expect(anchorBetween(tom.doc.getXmlFragment('body'), from, to)!.quote).toBe(kept.quote);

    const start = text(rosa.doc).toString().indexOf('expansion joints');
    text(rosa.doc).delete(start, 'expansion joints'.length);
    await running.galley.collab.openRoom(id)?.whenDurable();
    await waitFor(async () => (await threadsOf(id))[0].detached, 'the thread to be detached');
    expect((await threadsOf(id))[0]).toMatchObject({ id: res.body.id, detached: true, quote: 'expansion joints', resolvedAt: null });

    // Also when read from the store, with nobody in the story.
    rosa.destroy();
    tom.destroy();
    await waitFor(() => running.galley.collab.openRoom(id) === undefined, 'the story to close');
    expect((await threadsOf(id))[0].detached).toBe(true);
  });

  it('answers bad input with 400 JSON, unknown stories and threads with 404, and stores nothing', async () => {
    const id = await readyStory(running.galley, newsroom.author.id, 'draft');
    const tom = await editorOf(newsroom.otherWriter, id);
    const words = selection(tom.doc, 'expansion joints');
    const good = { ...words, body: 'Fine.' };
    const headline = tom.doc.getXmlFragment('headline').toArray()[0] as Y.XmlElement;
    const title = headline.get(0) as Y.XmlText;
    const inHeadline = {
      start: toBase64(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(title, 0, 0))),
      end: toBase64(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(title, 7, -1))),
    };
    const bad: [string, unknown][] = [
      ['no body', { anchor: words.anchor, quote: words.quote }],
      ['an empty comment', { ...good, body: '   ' }],
      ['a comment too long', { ...good, body: 'x'.repeat(5001) }],
      ['an anchor that is not base64', { ...good, anchor: { start: '%%%', end: words.anchor.end } }],
      ['an anchor that is not a position', { ...good, anchor: { start: 'AAAA', end: words.anchor.end } }],
      ['an anchor too long', { ...good, anchor: { start: 'A'.repeat(4000), end: words.anchor.end } }],
      ['an anchor outside the body', { ...good, anchor: inHeadline }],
      ['an unknown field', { ...good, resolved: true }],
      ['not an object', ['body']],
    ];
    for (const [what, body] of bad) {
      const res = await api<ApiError>(running.url, newsroom.otherWriter.cookie, 'POST', `/api/articles/${id}/threads`, body);
      expect(res.status, what).toBe(400);
      expect(res.body.error, what).toBe('validation_error');
    }
    expect(await threadsOf(id)).toEqual([]);

    const thread = (await api<CommentThread>(running.url, newsroom.otherWriter.cookie, 'POST', `/api/articles/${id}/threads`, good)).body;
    const threadUrl = `/api/articles/${id}/threads/${thread.id}`;
    for (const body of [{}, { body: '' }, { body: 'x'.repeat(5001) }, { body: 'ok', extra: 1 }]) {
      const res = await api<ApiError>(running.url, newsroom.otherWriter.cookie, 'POST', `${threadUrl}/replies`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error).toBe('validation_error');
    }
    expect((await api<ApiError>(running.url, newsroom.otherWriter.cookie, 'POST', `${threadUrl}/resolve`, { now: true })).status).toBe(400);
    expect(await threadsOf(id)).toEqual([thread]);

    const missing: [string, string][] = [
      ['GET', '/api/articles/no-such-story/threads'],
      ['POST', `/api/articles/${id}/threads/no-such-thread/resolve`],
      ['POST', `/api/articles/${id}/threads/${'x'.repeat(100)}/reopen`],
    ];
    for (const [method, route] of missing) {
      const res = await api<ApiError>(running.url, newsroom.otherWriter.cookie, method, route);
      expect(res.status, route).toBe(404);
      expect(res.body.error).toBe('not_found');
    }
    expect((await api<ApiError>(running.url, newsroom.otherWriter.cookie, 'POST', '/api/articles/no-such-story/threads', good)).status).toBe(404);
    // A thread of one story is unknown on another.
    const other = await readyStory(running.galley, newsroom.author.id, 'draft');
    expect((await api<ApiError>(running.url, newsroom.otherWriter.cookie, 'POST', `/api/articles/${other}/threads/${thread.id}/replies`, { body: 'Here?' })).status).toBe(404);
    expect(await threadsOf(other)).toEqual([]);
    // Signed out: 401.
    expect((await api(running.url, undefined, 'GET', `/api/articles/${id}/threads`)).status).toBe(401);
  });
});
