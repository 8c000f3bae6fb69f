/** The SQLite file itself: how a new one is made, and what becomes of one an older version made. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
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
});
