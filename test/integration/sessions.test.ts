/** Sessions: rotation at sign-in, idle expiry, rate limits, and revocation that reaches every open door. */
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiError, Me } from '../../shared/api';
import { addUser, api, signIn, startGalley, type RunningGalley } from '../helpers/galley';
import { connectEditor } from '../helpers/editor';
import { makeNewsroom, newsroomSocket, readyStory } from '../helpers/newsroom';

let running: RunningGalley | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

/** Resolves with the close code of a y-websocket client's next close. */
const nextClose = (editor: ReturnType<typeof connectEditor>) =>
  new Promise<number>((resolve) => editor.provider.on('connection-close', (e: CloseEvent | null) => e && resolve(e.code)));

describe('sessions', () => {
  it('ends the collab and socket.io connections of a session within a second of signing out', async () => {
    running = await startGalley();
    const newsroom = await makeNewsroom(running.galley, running.url);
    const id = await readyStory(running.galley, newsroom.author.id);
    const other = await signIn(running.url, newsroom.author); // a second session of the same person
    const editor = connectEditor(running.url, id, newsroom.author.cookie);
    const keeps = connectEditor(running.url, id, other);
    await Promise.all([editor.synced, keeps.synced]);
    const socket = await newsroomSocket(running.url, newsroom.author.cookie);
    const socketGone = new Promise<void>((resolve) => socket.on('disconnect', () => resolve()));
    const closed = nextClose(editor);

    const started = Date.now();
    expect((await api(running.url, newsroom.author.cookie, 'DELETE', '/api/session')).status).toBe(204);
    expect(await closed).toBe(4401);
    await socketGone;
    expect(Date.now() - started).toBeLessThan(1000);
    // The person's other session is untouched.
    expect(keeps.provider.wsconnected).toBe(true);
    editor.destroy();
    keeps.destroy();
  });

  it('ends every session of a person whose role an admin changes, and only an admin may', async () => {
    running = await startGalley();
    const newsroom = await makeNewsroom(running.galley, running.url);
    const id = await readyStory(running.galley, newsroom.author.id);
    const editor = connectEditor(running.url, id, newsroom.otherWriter.cookie);
    await editor.synced;
    const closed = nextClose(editor);
    const refused = await api<ApiError>(running.url, newsroom.publisher.cookie, 'PATCH', `/api/users/${newsroom.otherWriter.id}`, { role: 'admin' });
    expect(refused.status).toBe(403);
    const changed = await api(running.url, newsroom.admin.cookie, 'PATCH', `/api/users/${newsroom.otherWriter.id}`, { role: 'copy_editor' });
    expect(changed.status).toBe(200);
    expect(await closed).toBe(4401);
    expect((await api(running.url, newsroom.otherWriter.cookie, 'GET', '/api/me')).status).toBe(401);
    const again = await signIn(running.url, newsroom.otherWriter);
    expect((await api<Me>(running.url, again, 'GET', '/api/me')).body.role).toBe('copy_editor');
    editor.destroy();
  });

  it('ends every session on a password change, and needs the current password', async () => {
    running = await startGalley();
    const user = await addUser(running.galley, 'writer');
    const cookie = await signIn(running.url, user);
    const wrong = await api<ApiError>(running.url, cookie, 'POST', '/api/me/password', { current: 'not it at all', next: 'a brand new password' });
    expect(wrong.status).toBe(403);
    expect((await api(running.url, cookie, 'POST', '/api/me/password', { current: user.password, next: 'a brand new password' })).status).toBe(204);
    expect((await api(running.url, cookie, 'GET', '/api/me')).status).toBe(401);
    await expect(signIn(running.url, user)).rejects.toThrow(/401/);
    expect(await signIn(running.url, { email: user.email, password: 'a brand new password' })).toMatch(/^galley_session=/);
  });

  it('gives a new session id at each sign-in and ends the one the browser held', async () => {
    running = await startGalley();
    const user = await addUser(running.galley, 'writer');
    const first = await signIn(running.url, user);
    const res = await fetch(`${running.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: first },
      body: JSON.stringify({ email: user.email, password: user.password }),
    });
    const second = res.headers.get('set-cookie')!.split(';')[0];
    expect(second).not.toBe(first);
    expect((await api(running.url, first, 'GET', '/api/me')).status).toBe(401);
    expect((await api(running.url, second, 'GET', '/api/me')).status).toBe(200);
  });

  it('ends a session left idle', async () => {
    running = await startGalley({ env: { GALLEY_SESSION_IDLE_HOURS: String(1 / 3600) } });
    const user = await addUser(running.galley, 'writer');
    const cookie = await signIn(running.url, user);
    expect((await api(running.url, cookie, 'GET', '/api/me')).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1200));
    expect((await api(running.url, cookie, 'GET', '/api/me')).status).toBe(401);
  });

  it('limits failed sign-ins per account, even when the right password comes next', async () => {
    running = await startGalley();
    const user = await addUser(running.galley, 'writer');
    for (let i = 0; i < 10; i++) expect((await api(running.url, undefined, 'POST', '/api/session', { email: user.email, password: `guess number ${i}` })).status).toBe(401);
    const res = await fetch(`${running.url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(user) });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await res.json()) as ApiError).error).toBe('too_many_attempts');
  });
});

describe('headers', () => {
  it('sends a Content-Security-Policy without inline scripts, and the usual hardening', async () => {
    running = await startGalley();
    const res = await fetch(`${running.url}/healthz`);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });
});
