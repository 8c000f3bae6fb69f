/** The newsroom's live events: the budget, state and access changes, and notifications, over socket.io. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Notification } from '../../shared/api';
import { api, startGalley, type RunningGalley } from '../helpers/galley';
import { connectEditor } from '../helpers/editor';
import { makeNewsroom, newsroomSocket, nextEvent, readyStory, type Newsroom } from '../helpers/newsroom';

let running: RunningGalley;
let newsroom: Newsroom;

beforeAll(async () => {
  running = await startGalley();
  newsroom = await makeNewsroom(running.galley, running.url);
});
afterAll(() => running.stop());

describe('live events', () => {
  it('tells the copy desk’s budget and the reporter’s story page about a submission, with each one’s new access', async () => {
    const id = await readyStory(running.galley, newsroom.author.id);
    const deskSocket = await newsroomSocket(running.url, newsroom.copyEditor.cookie);
    const writerSocket = await newsroomSocket(running.url, newsroom.author.cookie);
    const watched = await writerSocket.emitWithAck('article:watch', id);
    expect(watched).toEqual({ ok: true, access: 'edit' });

    const budget = nextEvent(deskSocket, 'budget:article', (a) => a.id === id && a.state === 'copy_edit');
    const stateChange = nextEvent(writerSocket, 'article:state', (c) => c.articleId === id);
    const notification = nextEvent(deskSocket, 'notification', (n: Notification) => n.articleId === id);
    expect((await api(running.url, newsroom.author.cookie, 'POST', `/api/articles/${id}/transitions`, { action: 'submit' })).status).toBe(200);

    const [line] = await budget;
    expect(line).toMatchObject({ headline: 'Harbour bridge to close for six weeks', state: 'copy_edit', authors: [{ name: 'Rosa Okafor' }] });
    const [change] = await stateChange;
    expect(change).toMatchObject({ state: 'copy_edit', access: 'suggest', event: { action: 'submit', by: { name: 'Rosa Okafor' } } });
    const [n] = await notification;
    expect(n.message).toBe('“Harbour bridge to close for six weeks” reached the copy desk.');
    const stored = await api<{ notifications: Notification[] }>(running.url, newsroom.copyEditor.cookie, 'GET', '/api/notifications');
    expect(stored.body.notifications[0]).toMatchObject({ id: n.id, readAt: null });
    expect((await api(running.url, newsroom.copyEditor.cookie, 'POST', `/api/notifications/${n.id}/read`)).status).toBe(204);
    expect((await api(running.url, newsroom.author.cookie, 'POST', `/api/notifications/${n.id}/read`)).status).toBe(404);

    deskSocket.close();
    writerSocket.close();
  });

  it('shows on the budget who is in a story, live', async () => {
    const id = await readyStory(running.galley, newsroom.author.id);
    const socket = await newsroomSocket(running.url, newsroom.publisher.cookie);
    const joined = nextEvent(socket, 'budget:article', (a) => a.id === id && a.present.some((p) => p.name === 'Tom Lindqvist'));
    const editor = connectEditor(running.url, id, newsroom.otherWriter.cookie);
    await joined;
    const left = nextEvent(socket, 'budget:article', (a) => a.id === id && a.present.length === 0);
    editor.destroy();
    await left;
    socket.close();
  });

  it('refuses a socket without a session, and a watch of a story that does not exist', async () => {
    await expect(newsroomSocket(running.url, 'galley_session=forged')).rejects.toThrow(/unauthenticated/);
    const socket = await newsroomSocket(running.url, newsroom.author.cookie);
    expect(await socket.emitWithAck('article:watch', 'no-such-story')).toEqual({ ok: false, error: 'not_found' });
    socket.close();
  });
});
