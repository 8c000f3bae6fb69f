/** The SQLite file itself: how a new one is made, and what becomes of one an older version made. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrations } from './migrations';
import { SqliteDocStore } from './SqliteDocStore';
import { openSqlite, vacuumSqlite } from './sqlite';

describe('the SQLite file', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'galley-file-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });
  const settings = (db: BetterSqlite3.Database) => ({
    pageSize: db.pragma('page_size', { simple: true }),
    autoVacuum: db.pragma('auto_vacuum', { simple: true }),
    journal: db.pragma('journal_mode', { simple: true }),
  });

  it('is made with small pages and hands free pages back', async () => {
    const db = openSqlite(tempDir());
    try {
      expect(settings(db.connection)).toEqual({ pageSize: 2048, autoVacuum: 2, journal: 'wal' });
      expect(db.keptFreeBytes()).toBeNull();
      await db.run('CREATE TABLE filler (data BLOB)');
      for (let i = 0; i < 50; i++) await db.run('INSERT INTO filler VALUES (?)', [new Uint8Array(4096)]);
      const full = db.connection.pragma('page_count', { simple: true }) as number;
      await db.run('DELETE FROM filler');
      await db.reclaimFreePages();
      expect(db.connection.pragma('freelist_count', { simple: true })).toBe(0);
      expect(db.connection.pragma('page_count', { simple: true })).toBeLessThan(full - 90);
    } finally {
      await db.close();
    }
  });

  it('made by an older version, keeps its free pages until rebuilt, and keeps its rows', async () => {
    const dir = tempDir();
    const old = new BetterSqlite3(path.join(dir, 'galley.db'));
    old.pragma('journal_mode = WAL');
    old.exec('CREATE TABLE filler (data BLOB)');
    for (let i = 0; i < 200; i++) old.prepare('INSERT INTO filler VALUES (?)').run(Buffer.alloc(4096));
    old.exec('DELETE FROM filler WHERE rowid > 1');
    old.close();

    const db = openSqlite(dir);
    // Opening it migrates it, but the pragmas a file is made with do not apply to it.
    expect(settings(db.connection)).toEqual({ pageSize: 4096, autoVacuum: 0, journal: 'wal' });
    // The migrations reuse some of its free pages, not all.
    expect(db.keptFreeBytes()).toBeGreaterThan(100 * 4096);
    // Not while it is open.
    expect(() => vacuumSqlite(dir)).toThrow();
    await db.close();

    const { before, after } = vacuumSqlite(dir);
    expect(after).toBeLessThan(before / 2);
    const reopened = openSqlite(dir);
    try {
      expect(settings(reopened.connection)).toEqual({ pageSize: 2048, autoVacuum: 2, journal: 'wal' });
      expect(reopened.keptFreeBytes()).toBeNull();
      expect(await reopened.get('SELECT COUNT(*) AS n FROM filler')).toEqual({ n: 1 });
      expect(await reopened.get('SELECT COUNT(*) AS n FROM schema_migrations WHERE version = 10')).toEqual({ n: 1 });
    } finally {
      await reopened.close();
    }
  });

  it('made before stories numbered their own log rows, keeps each story’s log in order and goes on from it', async () => {
    const dir = tempDir();
    const old = new BetterSqlite3(path.join(dir, 'galley.db'));
    old.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
    for (const m of migrations.filter((m) => m.version <= 10).sort((a, b) => a.version - b.version)) {
      old.exec(m.sql);
      old.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(m.version, m.name, 'then');
    }
    old.prepare("INSERT INTO users VALUES ('u', 'u@example.org', 'U', 'writer', 'x', 'then')").run();
    for (const story of ['a', 'b']) {
      old.prepare("INSERT INTO articles (id, state, headline, word_count, desk, created_by, created_at, updated_at) VALUES (?, 'draft', '', 0, '', 'u', 'then', 'then')").run(story);
    }
    // Interleaved, as two stories typed at once wrote them: ids 1, 2, 3, 4, 5.
    for (const [story, byte] of [['a', 1], ['b', 2], ['a', 3], ['b', 4], ['a', 5]] as const) {
      old.prepare('INSERT INTO article_updates (article_id, data) VALUES (?, ?)').run(story, Buffer.from([byte]));
    }
    old.close();

    const db = openSqlite(dir);
    try {
      const docs = new SqliteDocStore(db);
      const bytes = async (story: string) => (await docs.load(story)).updates.map((u) => u[0]);
      expect(await bytes('a')).toEqual([1, 3, 5]);
      expect(await bytes('b')).toEqual([2, 4]);
      await docs.append([{ articleId: 'b', update: new Uint8Array([6]) }, { articleId: 'b', update: new Uint8Array([7]) }, { articleId: 'a', update: new Uint8Array([8]) }]);
      expect(await bytes('a')).toEqual([1, 3, 5, 8]);
      expect(await bytes('b')).toEqual([2, 4, 6, 7]);
      expect((await docs.load('b')).updateIds).toEqual([2, 4, 5, 6]);
      // The log is one table ordered by story: no rowid, no separate index.
      expect(await db.all("SELECT name FROM sqlite_master WHERE tbl_name = 'article_updates' AND type = 'index'")).toEqual([]);
      expect(await db.get("SELECT sql LIKE '%WITHOUT ROWID%' AS clustered FROM sqlite_master WHERE name = 'article_updates'")).toEqual({ clustered: 1 });
    } finally {
      await db.close();
    }
  });

  it('has its write-ahead log copied back off the writer’s thread, and reused once copied', async () => {
    const dir = tempDir();
    const wal = path.join(dir, 'galley.db-wal');
    const db = openSqlite(dir);
    try {
      // The writer never stops to copy the log itself.
      expect(db.connection.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
      await db.run('CREATE TABLE filler (data BLOB)');
      const write = async () => {
        for (let i = 0; i < 1500; i++) await db.run('INSERT INTO filler VALUES (?)', [new Uint8Array(1500)]);
      };
      await write();
      const first = fs.statSync(wal).size;
      expect(first).toBeGreaterThan(1500 * 2048);
      // Once the worker has copied it all, the next writes start the log over instead of growing it.
      await new Promise((r) => setTimeout(r, 1500));
      await write();
      expect(fs.statSync(wal).size).toBeLessThan(first * 1.2);
      expect(await db.get('SELECT COUNT(*) AS n FROM filler')).toEqual({ n: 3000 });
    } finally {
      await db.close();
    }
    // Closed last, the writer copies what is left and removes the log.
    expect(fs.existsSync(wal)).toBe(false);
  });
});
