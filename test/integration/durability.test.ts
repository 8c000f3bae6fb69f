/**
 * Durable before broadcast: the server process is killed with SIGKILL in the middle of a burst
 * of edits; after a restart, every update that any client had received from it is in the doc.
 */
import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { ArticleDetail } from '../../shared/api';
import { api, repoRoot, signIn, spawnGalley, tempDataDir, type GalleyProcess } from '../helpers/galley';
import { bodyOf, connectEditor, lineOf, type TestEditor } from '../helpers/editor';
import { randomEdit, seededRandom } from '../helpers/randomEdits';

let child: GalleyProcess | undefined;
afterEach(() => {
  child?.child.kill('SIGKILL');
  child = undefined;
});

function addUserWithCli(dataDir: string, email: string, password: string): string {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli.ts', 'user', 'add', '--email', email, '--name', 'Kit Reporter', '--role', 'writer', '--password', password], {
    cwd: repoRoot,
    env: { ...process.env, GALLEY_DATA_DIR: dataDir },
    encoding: 'utf8',
  });
  expect(result.status, result.stderr).toBe(0);
  return result.stdout;
}

describe('durability', () => {
  it('keeps every update a client received when the server is killed mid-burst', async () => {
    const dataDir = tempDataDir();
    const login = { email: 'kit@galley.test', password: 'correct horse battery' };
    expect(addUserWithCli(dataDir, login.email, login.password)).toContain('Added Kit Reporter');

    child = await spawnGalley(dataDir);
    const cookie = await signIn(child.url, login);
    const { body: created } = await api<ArticleDetail>(child.url, cookie, 'POST', '/api/articles', { headline: 'Burst' });

    const editors: TestEditor[] = Array.from({ length: 3 }, () => connectEditor(child!.url, created.id, cookie));
    await Promise.all(editors.map((e) => e.synced));
    // Everything each client received from the server, in order.
    const received: Uint8Array[] = [];
    for (const e of editors) {
      e.doc.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin === e.provider) received.push(update);
      });
    }

    let typing = true;
    const bursts = editors.map(async (e, n) => {
      const random = seededRandom(50 + n);
      while (typing) {
        randomEdit(e.doc, random);
        await new Promise((r) => setTimeout(r, 1));
      }
    });
    // Let the burst run until the clients have seen a good number of each other's updates.
    const deadline = Date.now() + 20_000;
    while (received.length < 150 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    child.child.kill('SIGKILL');
    await child.exited;
    typing = false;
    await Promise.all(bursts);
    // No client may reach the restarted server: only what the dead one stored may count.
    for (const e of editors) e.provider.destroy();
    expect(received.length).toBeGreaterThanOrEqual(150);

    child = await spawnGalley(dataDir);
    const fresh = connectEditor(child.url, created.id, await signIn(child.url, login));
    await fresh.synced;

    // Applying what the clients received must add nothing: it is all in the reopened doc.
    const check = new Y.Doc();
    Y.applyUpdate(check, Y.encodeStateAsUpdate(fresh.doc));
    const before = JSON.stringify({ headline: lineOf(check, 'headline'), body: bodyOf(check), sv: [...Y.encodeStateVector(check)] });
    for (const update of received) Y.applyUpdate(check, update);
    const after = JSON.stringify({ headline: lineOf(check, 'headline'), body: bodyOf(check), sv: [...Y.encodeStateVector(check)] });
    expect(after).toBe(before);
    expect(check.store.pendingStructs).toBeNull();
    fresh.destroy();
  });
});
