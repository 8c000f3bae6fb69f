/**
 * The data layer's suite, run on both engines: SQLite (the embedded default) and the PostgreSQL
 * this machine runs. Everything above the `Database` interface must behave the same on either.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { PublicArticle } from '../../shared/api';
import { Engines, openEngine } from '../../test/helpers/databases';
import { ArticleStore } from '../articles/ArticleStore';
import { SessionStore } from '../auth/sessions';
import { UserStore } from '../auth/users';
import { compactArticle, compactFromLiveDoc } from '../collab/compaction';
import { NotificationStore } from '../notifications/NotificationStore';
import { PublishedStore, type NewPublishedRevision } from '../publish/PublishedStore';
import { AuditLog } from '../workflow/AuditLog';
import { VersionStore } from '../workflow/VersionStore';
import { applyStored } from './applyStored';
import type { Database } from './database';
import type { DocStore } from './DocStore';
import type { PostgresDatabase } from './postgres';

describe.each(Engines)('the data layer on %s', (engine) => {
  let db: Database;
  let docs: DocStore;
  let close: () => Promise<void>;
  let users: UserStore;
  let articles: ArticleStore;
  let published: PublishedStore;
  let userId: string;

  beforeAll(async () => {
    ({ db, docs, close } = await openEngine(engine));
    users = new UserStore(db);
    articles = new ArticleStore(db);
    published = new PublishedStore(db);
    userId = (await users.add({ email: 'desk@galley.test', name: 'Desk', role: 'publisher', password: 'correct horse battery' })).id;
  });
  afterAll(() => close());

  async function newArticle(): Promise<string> {
    const doc = new Y.Doc();
    doc.getXmlFragment('body').insert(0, [new Y.XmlElement('paragraph')]);
    return (await articles.create({ createdBy: userId, headline: 'h', wordCount: 0, seed: Y.encodeStateAsUpdate(doc) })).id;
  }

  function revision(articleId: string, n: number, over: Partial<NewPublishedRevision> = {}): NewPublishedRevision {
    const slug = over.slug ?? `story-${articleId.slice(0, 8)}`;
    const at = over.publishedAt ?? new Date(Date.UTC(2025, 9, 14, 8, n)).toISOString();
    return {
      articleId,
      revision: n,
      slug,
      headline: `Headline ${n}`,
      standfirst: `Standfirst ${n}`,
      html: `<p>Body ${n}</p>`,
      article: { id: articleId, slug, revision: n, headline: `Headline ${n}` } as PublicArticle,
      snapshot: new Uint8Array([n, 1, 2]),
      correction: null,
      publishedBy: userId,
      publishedAt: at,
      ...over,
    };
  }

  async function publish(articleId: string, rev: NewPublishedRevision) {
    const stored = await published.insert(rev);
    await articles.applyStateChange(articleId, { state: 'published', slug: rev.slug, publishedAt: rev.publishedAt }, new Date(rev.publishedAt));
    return stored;
  }

  describe('PublishedStore', () => {
    it('numbers revisions from 1 and reads back exactly what it stored', async () => {
      const id = await newArticle();
      expect(await published.nextRevision(id)).toBe(1);
      expect(await published.latestForArticle(id)).toBeUndefined();
      const stored = await publish(id, revision(id, 1));
      expect(stored.id).toBeGreaterThan(0);
      expect(await published.nextRevision(id)).toBe(2);
      const latest = (await published.latestForArticle(id))!;
      expect(latest).toEqual(stored);
      expect(latest.snapshot).toBeInstanceOf(Uint8Array);
      expect(Array.from(latest.snapshot)).toEqual([1, 1, 2]);
      expect(latest.article.headline).toBe('Headline 1');
    });

    it('refuses a second revision with the same number', async () => {
      const id = await newArticle();
      await publish(id, revision(id, 1));
      await expect(published.insert(revision(id, 1))).rejects.toThrow(/UNIQUE|unique/);
    });

    it('finds the newest revision by slug and lists corrections oldest first', async () => {
      const id = await newArticle();
      await publish(id, revision(id, 1));
      await publish(id, revision(id, 2, { correction: 'First fix.' }));
      await publish(id, revision(id, 3));
      await publish(id, revision(id, 4, { correction: 'Second fix.' }));
      const slug = `story-${id.slice(0, 8)}`;
      expect((await published.latestBySlug(slug))?.revision).toBe(4);
      expect(await published.latestBySlug('no-such-story')).toBeUndefined();
      expect(await published.corrections(id)).toEqual([
        { note: 'First fix.', at: revision(id, 2).publishedAt },
        { note: 'Second fix.', at: revision(id, 4).publishedAt },
      ]);
    });

    it('lists the latest revision of each published story, newest first, and leaves out unpublished ones', async () => {
      const [a, b, c] = [await newArticle(), await newArticle(), await newArticle()];
      await publish(a, revision(a, 1, { publishedAt: '2030-01-01T10:00:00.000Z' }));
      await publish(b, revision(b, 1, { publishedAt: '2030-01-01T11:00:00.000Z' }));
      await publish(a, revision(a, 2, { publishedAt: '2030-01-01T12:00:00.000Z' }));
      await publish(c, revision(c, 1, { publishedAt: '2030-01-01T13:00:00.000Z' }));
      await articles.applyStateChange(c, { state: 'unpublished' }, new Date());
      const latest = await published.latestPublished(2);
      expect(latest.map((r) => [r.articleId, r.revision])).toEqual([
        [a, 2],
        [b, 1],
      ]);
      expect((await published.latestPublished(100)).some((r) => r.articleId === c)).toBe(false);
    });
  });

  describe('DocStore', () => {
    const textOf = (stored: Awaited<ReturnType<DocStore['load']>>) => {
      const doc = new Y.Doc();
      applyStored(doc, stored);
      return doc.getText('t').toString();
    };

    it('appends updates for several articles in one call and loads them in order', async () => {
      const [a, b] = [await newArticle(), await newArticle()];
      const writer = new Y.Doc();
      const updates: Uint8Array[] = [];
      writer.on('update', (u: Uint8Array) => updates.push(u));
      for (const word of ['one ', 'two ', 'three']) writer.getText('t').insert(writer.getText('t').length, word);
      await docs.append(updates.map((update) => ({ articleId: a, update })));
      await docs.append([{ articleId: b, update: updates[0] }]);
      expect(textOf(await docs.load(a))).toBe('one two three');
      expect(textOf(await docs.load(b))).toBe('one ');
      expect(await docs.logLength(a)).toBe(4); // the seed and three words
      expect(await docs.sizeOf(a)).toBeGreaterThan(0);
    });

    it('compacts the log into a snapshot, keeping updates appended meanwhile', async () => {
      const id = await newArticle();
      const writer = new Y.Doc();
      const appends: Promise<void>[] = [];
      writer.on('update', (update: Uint8Array) => appends.push(docs.append([{ articleId: id, update }])));
      for (let i = 0; i < 50; i++) writer.getText('t').insert(0, 'x');
      await Promise.all(appends);
      const result = await compactArticle(docs, id);
      expect(result.merged).toBe(51);
      writer.getText('t').insert(0, 'y');
      await Promise.all(appends);
      const stored = await docs.load(id);
      expect(stored.snapshot).not.toBeNull();
      expect(stored.updates).toHaveLength(1);
      expect(textOf(stored)).toBe(`y${'x'.repeat(50)}`);
    });

    it('compacts from a live doc holding the log, keeping a row stored after the log was listed', async () => {
      const id = await newArticle();
      const live = new Y.Doc();
      applyStored(live, await docs.load(id));
      const appends: Promise<void>[] = [];
      live.on('update', (update: Uint8Array) => appends.push(docs.append([{ articleId: id, update }])));
      for (let i = 0; i < 20; i++) live.getText('t').insert(0, 'x');
      await Promise.all(appends);
      // An update another writer stores just after the listing, which the live doc never saw.
      const late = new Y.Doc();
      late.getText('t').insert(0, 'z');
      const listing: DocStore = Object.create(docs);
      listing.logIndex = async (articleId) => {
        const index = await docs.logIndex(articleId);
        await docs.append([{ articleId, update: Y.encodeStateAsUpdate(late) }]);
        return index;
      };
      const result = await compactFromLiveDoc(listing, id, live);
      expect(result.merged).toBe(21); // the seed and twenty
      const stored = await docs.load(id);
      expect(stored.updates).toHaveLength(1);
      expect(textOf(stored)).toContain('x'.repeat(20));
      expect(textOf(stored)).toContain('z');
    });

    it('refuses a snapshot for a log another compaction already merged', async () => {
      const id = await newArticle();
      const stale = await docs.load(id);
      expect((await compactArticle(docs, id)).merged).toBe(1);
      // A second instance that read the log before the first compacted it must not write its older snapshot.
      expect(await docs.replaceSnapshot(id, new Uint8Array([0, 0]), stale.updateIds)).toBe(false);
      expect((await docs.load(id)).snapshot).not.toEqual(new Uint8Array([0, 0]));
    });

    it('lets one compaction of an article run at a time', async () => {
      const id = await newArticle();
      let second: unknown = 'not run';
      await docs.compactionLock(id, async () => {
        second = await docs.compactionLock(id, async () => 'ran');
      });
      expect(second).toBeUndefined();
      expect(await docs.compactionLock(id, async () => 'ran')).toBe('ran');
    });
  });

  describe('transactions', () => {
    it('roll back every statement when the callback throws', async () => {
      const id = await newArticle();
      await expect(
        articles.transaction(async (tx) => {
          await articles.applyStateChange(id, { state: 'copy_edit' }, new Date(), { on: tx, from: 'draft' });
          throw new Error('the step failed half-way');
        }),
      ).rejects.toThrow('half-way');
      expect((await articles.byId(id))!.state).toBe('draft');
    });

    it('move a story only from the state the step saw', async () => {
      const id = await newArticle();
      const step = (from: 'draft' | 'copy_edit') =>
        articles.transaction((tx) => articles.applyStateChange(id, { state: 'copy_edit' }, new Date(), { on: tx, from }));
      expect((await Promise.all([step('draft'), step('draft')])).sort()).toEqual([false, true]);
      expect((await articles.byId(id))!.state).toBe('copy_edit');
    });

    it('keep statements outside a transaction out of it', async () => {
      const id = await newArticle();
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      const step = articles.transaction(async (tx) => {
        await articles.applyStateChange(id, { state: 'copy_edit' }, new Date(), { on: tx, from: 'draft' });
        await held;
        throw new Error('rolled back');
      });
      const outside = articles.touch(id, { headline: 'Written meanwhile', wordCount: 3, desk: 'City' });
      release();
      await expect(step).rejects.toThrow('rolled back');
      await outside;
      const row = (await articles.byId(id))!;
      expect([row.state, row.headline]).toEqual(['draft', 'Written meanwhile']);
    });
  });

  describe('people, sessions, the audit log, versions and notifications', () => {
    it('signs people in and out', async () => {
      const sessions = new SessionStore(db, 3_600_000, 3_600_000);
      const writer = await users.add({ email: 'Writer@Galley.test', name: 'Writer', role: 'writer', password: 'correct horse battery' });
      await expect(users.add({ email: 'writer@galley.test', name: 'Twin', role: 'writer', password: 'correct horse battery' })).rejects.toThrow(/already exists/);
      expect((await users.byEmail('WRITER@galley.test'))?.id).toBe(writer.id);
      const { token } = await sessions.start(writer.id);
      expect((await sessions.sessionFor(token))?.userId).toBe(writer.id);
      await users.setRole(writer.id, 'copy_editor');
      expect((await users.byId(writer.id))?.role).toBe('copy_editor');
      await sessions.endAllFor(writer.id);
      expect(await sessions.sessionFor(token)).toBeUndefined();
      expect(await users.count()).toBeGreaterThanOrEqual(2);
    });

    it('records steps, versions and notifications inside one transaction', async () => {
      const audit = new AuditLog(db);
      const versions = new VersionStore(db);
      const notifications = new NotificationStore(db);
      const id = await newArticle();
      const at = new Date();
      const entry = await articles.transaction(async (tx) => {
        const e = await audit.record({ articleId: id, action: 'submit', from: 'draft', to: 'copy_edit', userId, note: 'Ready.', at }, tx);
        await versions.save({ articleId: id, name: 'Submitted', snapshot: new Uint8Array([1, 2, 3]), createdBy: userId, at }, tx);
        await notifications.add(await notifications.usersWithRoles(['publisher'], tx), { articleId: id, kind: 'reached_desk', message: 'In.' }, tx);
        return e;
      });
      expect(entry).toMatchObject({ articleId: id, action: 'submit', note: 'Ready.', by: { id: userId, name: 'Desk' } });
      expect(await audit.lastAt(id, 'submit')).toBe(at.toISOString());
      expect((await versions.list(id)).map((v) => v.name)).toEqual(['Submitted']);
      const [latest] = await notifications.forUser(userId);
      expect(latest.message).toBe('In.');
      expect(await notifications.markRead(userId, latest.id)).toBe(true);
      expect(await notifications.markRead('someone-else', latest.id)).toBe(false);
    });
  });
});

describe('compaction on PostgreSQL, where rows commit out of id order', () => {
  it('deletes only the rows it merged, never one that committed after it read the log', async () => {
    const { db, docs, close } = await openEngine('postgres');
    try {
      const users = new UserStore(db);
      const articles = new ArticleStore(db);
      const author = await users.add({ email: 'slow@galley.test', name: 'Slow', role: 'writer', password: 'correct horse battery' });
      const seed = new Y.Doc();
      seed.getText('t').insert(0, 'seed ');
      const id = (await articles.create({ createdBy: author.id, headline: 'h', wordCount: 0, seed: Y.encodeStateAsUpdate(seed) })).id;
      const writer = new Y.Doc();
      Y.applyUpdate(writer, Y.encodeStateAsUpdate(seed));
      const updates: Uint8Array[] = [];
      writer.on('update', (u: Uint8Array) => updates.push(u));
      writer.getText('t').insert(5, 'slow ');
      writer.getText('t').insert(10, 'fast');

      // Instance one takes an id for its update and is slow to commit; instance two's later id commits first.
      const slow = await (db as PostgresDatabase).pool.connect();
      await slow.query('BEGIN');
      await slow.query('INSERT INTO article_updates (article_id, data) VALUES ($1, $2)', [id, Buffer.from(updates[0])]);
      await docs.append([{ articleId: id, update: updates[1] }]);
      // A compaction reads the log (the seed and the fast update), the slow row commits, then the compaction writes.
      const read = await docs.load(id);
      expect(read.updateIds).toHaveLength(2);
      await slow.query('COMMIT');
      slow.release();
      const merged = new Y.Doc();
      applyStored(merged, read);
      expect(await docs.replaceSnapshot(id, Y.encodeStateAsUpdate(merged), read.updateIds)).toBe(true);

      const reread = new Y.Doc();
      applyStored(reread, await docs.load(id));
      expect(reread.getText('t').toString()).toBe('seed slow fast');
    } finally {
      await close();
    }
  });
});
