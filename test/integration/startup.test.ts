/** `npm start` as a newsroom runs it: the demo newsroom on first start, and a clean drain on SIGTERM. */
import { afterEach, describe, expect, it } from 'vitest';
import type { ArticleDetail, ArticleSummary } from '../../shared/api';
import { api, repoRoot, signIn, spawnGalley, tempDataDir, type GalleyProcess } from '../helpers/galley';
import { bodyOf, connectEditor, firstParagraphText } from '../helpers/editor';

let server: GalleyProcess | undefined;
afterEach(() => {
  server?.child.kill('SIGKILL');
  server = undefined;
});

describe('starting Galley', () => {
  it('creates a demo newsroom on an empty database and prints each password once', async () => {
    const dataDir = tempDataDir();
    server = await spawnGalley(dataDir, { GALLEY_DEMO: '1' });
    await expect.poll(() => server!.output()).toContain('shown only this once');
    const logins = [...server.output().matchAll(/^\s+(\S+@galley\.test)\s+(\S+)\s+\((.+), (\w+)\)$/gm)];
    expect(logins.map((m) => m[4]).sort()).toEqual(['admin', 'copy_editor', 'publisher', 'writer', 'writer']);

    const cookie = await signIn(server.url, { email: logins[0][1], password: logins[0][2] });
    const list = await api<{ articles: ArticleSummary[] }>(server.url, cookie, 'GET', '/api/articles');
    expect(list.body.articles.length).toBe(3);
    expect(list.body.articles.map((a) => a.headline)).toContain('Harbour bridge to close for six weeks of overnight repairs');
    expect(list.body.articles.find((a) => a.headline.startsWith('Harbour'))!.wordCount).toBeGreaterThan(100);

    // A second start finds the newsroom there and prints no passwords.
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    server = await spawnGalley(dataDir, { GALLEY_DEMO: '1' });
    expect(server.output()).not.toContain('shown only this once');
  });

  it('with GALLEY_DEMO=0 starts with an empty newsroom', async () => {
    server = await spawnGalley(tempDataDir(), { GALLEY_DEMO: '0' });
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(server.output()).not.toContain('demo newsroom');
    const signInRes = await api(server.url, undefined, 'POST', '/api/session', { email: 'rosa@galley.test', password: 'anything at all' });
    expect(signInRes.status).toBe(401);
  });

  it('on SIGTERM closes editors with a reconnect code, keeps their work, and exits 0', async () => {
    const dataDir = tempDataDir();
    server = await spawnGalley(dataDir, { GALLEY_DEMO: '1' });
    await expect.poll(() => server!.output()).toContain('shown only this once');
    const [, email, password] = /^\s+(\S+@galley\.test)\s+(\S+)/m.exec(server.output())!;
    const cookie = await signIn(server.url, { email, password });
    const { body: story } = await api<ArticleDetail>(server.url, cookie, 'POST', '/api/articles', { headline: 'Late edit' });
    const editor = connectEditor(server.url, story.id, cookie);
    await editor.synced;
    const closes: number[] = [];
    editor.provider.on('connection-close', (event: CloseEvent | null) => event && closes.push(event.code));
    firstParagraphText(editor.doc, 'body').insert(0, 'Filed at the last minute.');
    const watcher = connectEditor(server.url, story.id, cookie);
    await expect.poll(() => bodyOf(watcher.doc).content?.[0].content?.[0].text).toBe('Filed at the last minute.');
    watcher.destroy();
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(server.output()).toContain('stopped cleanly');
    editor.provider.destroy();

    server = await spawnGalley(dataDir);
    const reader = connectEditor(server.url, story.id, await signIn(server.url, { email, password }));
    await reader.synced;
    expect(bodyOf(reader.doc).content?.[0].content?.[0].text).toBe('Filed at the last minute.');
    expect(closes).toContain(1012);
    reader.destroy();
  });

  it('never writes a password, a session token or a cookie to its logs', async () => {
    const dataDir = tempDataDir();
    server = await spawnGalley(dataDir, { GALLEY_LOG_LEVEL: 'trace' });
    const { spawnSync } = await import('node:child_process');
    const password = 'a very secret passphrase';
    spawnSync(process.execPath, ['--import', 'tsx', 'server/cli.ts', 'user', 'add', '--email', 'kit@galley.test', '--name', 'Kit', '--role', 'writer', '--password', password], {
      cwd: repoRoot,
      env: { ...process.env, GALLEY_DATA_DIR: dataDir },
    });
    const cookie = await signIn(server.url, { email: 'kit@galley.test', password });
    await api(server.url, undefined, 'POST', '/api/session', { email: 'kit@galley.test', password: `${password} but wrong` });
    await api(server.url, cookie, 'POST', '/api/articles', { headline: 'Logged?' });
    await api(server.url, cookie, 'POST', '/api/articles', '{ not json' as unknown as object);
    const editor = connectEditor(server.url, 'no-such-story', cookie);
    await new Promise((r) => setTimeout(r, 300));
    editor.destroy();
    await api(server.url, cookie, 'DELETE', '/api/session');
    const token = cookie.split('=')[1];
    expect(server.output()).not.toContain(password);
    expect(server.output()).not.toContain(token);
    expect(server.output()).not.toContain(decodeURIComponent(token));
  });
});
