/** The check store on both engines: dismissals per story and rule+text, and the newsroom's words. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../store/database';
import { Engines, openEngine } from '../../test/helpers/databases';
import { CheckStore } from './CheckStore';

describe.each(Engines)('CheckStore on %s', (engine) => {
  let db: Database;
  let close: () => Promise<void>;
  let store: CheckStore;
  const at = new Date('2026-11-27T10:00:00Z');

  beforeAll(async () => {
    ({ db, close } = await openEngine(engine));
    store = new CheckStore(db);
    await db.run('INSERT INTO users (id, email, name, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)', ['u1', 'ines@galley.test', 'Inès Moreau', 'copy_editor', 'x', at.toISOString()]);
    for (const id of ['a1', 'a2']) await db.run('INSERT INTO articles (id, created_by, created_at, updated_at) VALUES (?, ?, ?, ?)', [id, 'u1', at.toISOString(), at.toISOString()]);
  });
  afterAll(() => close());

  it('keeps one dismissal per story, rule and text, and takes it back', async () => {
    const first = await store.dismiss({ articleId: 'a1', rule: 'spelling', text: 'costumary', reason: 'Quoted.', userId: 'u1', at });
    expect(first).toEqual({ id: expect.any(Number), articleId: 'a1', rule: 'spelling', text: 'costumary', reason: 'Quoted.', dismissedBy: { id: 'u1', name: 'Inès Moreau' }, dismissedAt: at.toISOString() });
    const again = await store.dismiss({ articleId: 'a1', rule: 'spelling', text: 'costumary', reason: 'As sent.', userId: 'u1', at });
    expect(again).toMatchObject({ id: first.id, reason: 'As sent.' });
    await store.dismiss({ articleId: 'a1', rule: 'cliche', text: 'costumary', reason: 'Other rule.', userId: 'u1', at });
    await store.dismiss({ articleId: 'a2', rule: 'spelling', text: 'costumary', reason: 'Other story.', userId: 'u1', at });
    expect((await store.dismissals('a1')).map((d) => [d.rule, d.reason])).toEqual([
      ['spelling', 'As sent.'],
      ['cliche', 'Other rule.'],
    ]);
    expect(await store.undismiss('a2', first.id)).toBe(false);
    expect(await store.undismiss('a1', first.id)).toBe(true);
    expect((await store.dismissals('a1')).map((d) => d.rule)).toEqual(['cliche']);
  });

  it('adds a word once, whatever its case', async () => {
    expect(await store.addWord('Agerpres', 'u1', at)).toBe(true);
    expect(await store.addWord('agerpres', 'u1', at)).toBe(false);
    expect(await store.addWord('dek', 'u1', at)).toBe(true);
    expect(await store.words()).toEqual([
      { word: 'Agerpres', addedBy: { id: 'u1', name: 'Inès Moreau' }, addedAt: at.toISOString() },
      { word: 'dek', addedBy: { id: 'u1', name: 'Inès Moreau' }, addedAt: at.toISOString() },
    ]);
  });
});
