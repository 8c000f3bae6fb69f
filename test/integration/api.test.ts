/** The REST doors: sign-in, sessions, articles, and a clear JSON error for every bad request. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiError, ArticleDetail, ArticleSummary, Me } from '../../shared/api';
import { addUser, api, signIn, startGalley, type RunningGalley, type TestUser } from '../helpers/galley';
import { connectEditor, firstParagraphText, waitFor } from '../helpers/editor';

let running: RunningGalley;
let writer: TestUser;

beforeAll(async () => {
  running = await startGalley();
  writer = await addUser(running.galley, 'writer', 'Rosa Okafor');
});
afterAll(() => running.stop());

describe('sessions', () => {
  it('signs in with an httpOnly, SameSite=Lax cookie and answers /api/me', async () => {
    const res = await fetch(`${running.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: writer.email.toUpperCase(), password: writer.password }),
    });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const me = await api<Me>(running.url, cookie.split(';')[0], 'GET', '/api/me');
    expect(me.body).toMatchObject({ id: writer.id, name: 'Rosa Okafor', role: 'writer', email: writer.email });
    expect(me.body).not.toHaveProperty('passwordHash');
  });

  it('gives the same answer for a wrong password and an unknown email', async () => {
    const wrong = await api<ApiError>(running.url, undefined, 'POST', '/api/session', { email: writer.email, password: 'not the password' });
    const unknown = await api<ApiError>(running.url, undefined, 'POST', '/api/session', { email: 'nobody@galley.test', password: 'whatever it is' });
    expect(wrong.status).toBe(401);
    expect(unknown).toEqual(wrong);
  });

  it('ends the session on sign-out: the old cookie no longer works', async () => {
    const cookie = await signIn(running.url, writer);
    expect((await api(running.url, cookie, 'DELETE', '/api/session')).status).toBe(204);
    const after = await api<ApiError>(running.url, cookie, 'GET', '/api/me');
    expect(after.status).toBe(401);
    expect(after.body.error).toBe('unauthenticated');
  });

  it('requires a session on every article route', async () => {
    for (const [method, route] of [['GET', '/api/articles'], ['POST', '/api/articles'], ['GET', '/api/articles/x']] as const) {
      const res = await api<ApiError>(running.url, undefined, method, route, method === 'POST' ? {} : undefined);
      expect(res.status, `${method} ${route}`).toBe(401);
      expect(res.body.error).toBe('unauthenticated');
    }
  });
});

describe('bad requests', () => {
  it('answers malformed JSON, wrong fields and unknown routes with a 4xx JSON error', async () => {
    const cookie = await signIn(running.url, writer);
    const malformed = await fetch(`${running.url}/api/articles`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: '{"headline":' });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ error: 'validation_error' });

    const wrongType = await api<ApiError>(running.url, cookie, 'POST', '/api/articles', { headline: 42 });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.message).toContain('headline');

    const missingPassword = await api<ApiError>(running.url, undefined, 'POST', '/api/session', { email: writer.email });
    expect(missingPassword.status).toBe(400);

    const unknown = await api<ApiError>(running.url, cookie, 'GET', '/api/nothing-here');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toBe('not_found');

    const missing = await api<ApiError>(running.url, cookie, 'GET', '/api/articles/00000000-0000-0000-0000-000000000000');
    expect(missing.status).toBe(404);
    expect((await api<{ articles: unknown[] }>(running.url, cookie, 'GET', '/api/articles')).body.articles).toHaveLength(0);
  });

  it('refuses a state-changing request from another origin', async () => {
    const cookie = await signIn(running.url, writer);
    const res = await fetch(`${running.url}/api/articles`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', origin: 'https://evil.example' },
      body: '{}',
    });
    expect(res.status).toBe(403);
    expect((await api<{ articles: unknown[] }>(running.url, cookie, 'GET', '/api/articles')).body.articles).toHaveLength(0);
  });
});

describe('articles', () => {
  it('creates a story seeded by the server and lists it with who is in it and its word count', async () => {
    const cookie = await signIn(running.url, writer);
    const created = await api<ArticleDetail>(running.url, cookie, 'POST', '/api/articles', { headline: '  Council approves night buses ' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ state: 'draft', headline: 'Council approves night buses', standfirst: '', wordCount: 0, present: [] });
    expect(created.body.body).toEqual({ type: 'doc', content: [{ type: 'paragraph' }] });
    expect(created.body.createdBy).toMatchObject({ id: writer.id, name: 'Rosa Okafor' });

    const editor = connectEditor(running.url, created.body.id, cookie);
    await editor.synced;
    firstParagraphText(editor.doc, 'body').insert(0, 'The pilot runs hourly until 2am.');
    const listed = async () => (await api<{ articles: ArticleSummary[] }>(running.url, cookie, 'GET', '/api/articles')).body.articles.find((a) => a.id === created.body.id)!;
    await waitFor(async () => (await listed()).wordCount === 6, 'the story list to count the new words');
    const row = await listed();
    expect(row.present).toEqual([{ id: writer.id, name: 'Rosa Okafor', color: expect.stringMatching(/^#[0-9a-f]{6}$/) }]);
    expect(row.headline).toBe('Council approves night buses');

    const detail = await api<ArticleDetail>(running.url, cookie, 'GET', `/api/articles/${created.body.id}`);
    expect(detail.body.html).toBe('<p>The pilot runs hourly until 2am.</p>');
    editor.destroy();
    await waitFor(async () => (await listed()).present.length === 0, 'presence to clear after the editor left');
  });
});
