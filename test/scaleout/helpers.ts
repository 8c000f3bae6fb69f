/**
 * Several Galley instances as separate processes on one PostgreSQL and one Redis, each test with a
 * fresh database and its own Redis prefix, so tests running side by side never meet.
 */
import { randomBytes } from 'node:crypto';
import * as Y from 'yjs';
import { UserStore } from '../../server/auth/users';
import { openPostgres } from '../../server/store/postgres';
import { freshPostgres } from '../helpers/postgres';
import { spawnGalley, tempDataDir, type GalleyProcess } from '../helpers/galley';
import type { TestEditor } from '../helpers/editor';

export const RedisUrl = process.env.GALLEY_TEST_REDIS ?? 'redis://127.0.0.1:6379';

export interface Cluster {
  env: Record<string, string>;
  writer: { email: string; password: string };
  editor: { email: string; password: string };
  start(name: string, env?: Record<string, string>): Promise<GalleyProcess>;
  stop(): Promise<void>;
}

/** A fresh database with two members, and a way to start instances on it. */
export async function cluster(redisUrl = RedisUrl): Promise<Cluster> {
  const pg = await freshPostgres();
  const db = await openPostgres(pg.url);
  const writer = { email: 'writer@galley.test', password: 'writer password 1' };
  const editor = { email: 'editor@galley.test', password: 'editor password 1' };
  const users = new UserStore(db);
  await users.add({ ...writer, name: 'Wren Writer', role: 'writer' });
  await users.add({ ...editor, name: 'Cody Copy', role: 'copy_editor' });
  await db.close();
  const env = { DATABASE_URL: pg.url, REDIS_URL: redisUrl, GALLEY_REDIS_PREFIX: `galley-test-${randomBytes(4).toString('hex')}` };
  const started: GalleyProcess[] = [];
  return {
    env,
    writer,
    editor,
    async start(name, extra = {}) {
      const instance = await spawnGalley(tempDataDir(), { ...env, GALLEY_INSTANCE: name, ...extra });
      started.push(instance);
      return instance;
    },
    async stop() {
      for (const instance of started) if (instance.child.exitCode === null && instance.child.signalCode === null) instance.child.kill('SIGKILL');
      await Promise.all(started.map((s) => s.exited));
      await pg.drop();
    },
  };
}

/** The editor's own paragraph at the end of the body, made once. */
export function ownParagraph(editor: TestEditor): Y.XmlText {
  const body = editor.doc.getXmlFragment('body');
  const paragraph = new Y.XmlElement('paragraph');
  const text = new Y.XmlText();
  paragraph.insert(0, [text]);
  body.insert(body.length, [paragraph]);
  return text;
}

/** Types `count` numbered words into `text`, one every `everyMs`; resolves with the words. */
export async function typeWords(text: Y.XmlText, tag: string, count: number, everyMs: number): Promise<string[]> {
  const words: string[] = [];
  for (let i = 0; i < count; i++) {
    const word = `${tag}${i}`;
    text.insert(text.length, `${word} `);
    words.push(word);
    await new Promise((r) => setTimeout(r, everyMs));
  }
  return words;
}

export const bodyText = (editor: TestEditor) => editor.doc.getXmlFragment('body').toString();
