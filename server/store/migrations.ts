/**
 * The schema, as an ordered list of migrations. Each runs once, in order, inside a transaction;
 * the applied version is kept in `schema_migrations`. Plain SQL that SQLite and PostgreSQL both accept,
 * unless a migration gives PostgreSQL its own.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
  /** What PostgreSQL runs instead of `sql` ('' for nothing): a change only SQLite needs. */
  postgres?: string;
}

export const migrations: Migration[] = [
  {
    version: 1,
    name: 'newsroom, sessions, articles and their update log',
    sql: `
      CREATE TABLE users (
        id TEXT PRIMARY KEY,
        email TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        role TEXT NOT NULL,
        password_hash TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE TABLE sessions (
        token_hash TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL
      );
      CREATE INDEX sessions_user ON sessions(user_id);
      CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        state TEXT NOT NULL DEFAULT 'draft',
        headline TEXT NOT NULL DEFAULT '',
        word_count INTEGER NOT NULL DEFAULT 0,
        created_by TEXT NOT NULL REFERENCES users(id),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE article_snapshots (
        article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        data BLOB NOT NULL,
        compacted_at TEXT NOT NULL
      );
      CREATE TABLE article_updates (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        data BLOB NOT NULL
      );
      CREATE INDEX article_updates_article ON article_updates(article_id, id);
    `,
  },
  {
    version: 2,
    name: 'workflow: bylines, slugs, deadlines, schedule, audit log, versions, published revisions, notifications',
    sql: `
      ALTER TABLE articles ADD COLUMN slug TEXT;
      ALTER TABLE articles ADD COLUMN desk TEXT NOT NULL DEFAULT '';
      ALTER TABLE articles ADD COLUMN deadline TEXT;
      ALTER TABLE articles ADD COLUMN scheduled_at TEXT;
      ALTER TABLE articles ADD COLUMN spiked_from TEXT;
      ALTER TABLE articles ADD COLUMN first_published_at TEXT;
      ALTER TABLE articles ADD COLUMN published_at TEXT;
      CREATE UNIQUE INDEX articles_slug ON articles(slug);
      CREATE INDEX articles_schedule ON articles(state, scheduled_at);
      CREATE TABLE article_authors (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        user_id TEXT NOT NULL REFERENCES users(id),
        position INTEGER NOT NULL,
        added_by TEXT REFERENCES users(id),
        added_at TEXT NOT NULL,
        PRIMARY KEY (article_id, user_id)
      );
      INSERT INTO article_authors (article_id, user_id, position, added_by, added_at)
        SELECT id, created_by, 0, created_by, created_at FROM articles;
      CREATE TABLE article_events (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        action TEXT NOT NULL,
        from_state TEXT NOT NULL,
        to_state TEXT NOT NULL,
        user_id TEXT REFERENCES users(id),
        note TEXT,
        at TEXT NOT NULL
      );
      CREATE INDEX article_events_article ON article_events(article_id, id);
      CREATE TABLE article_versions (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        snapshot BLOB NOT NULL,
        created_by TEXT REFERENCES users(id),
        created_at TEXT NOT NULL
      );
      CREATE INDEX article_versions_article ON article_versions(article_id, id);
      CREATE TABLE published_revisions (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        revision INTEGER NOT NULL,
        slug TEXT NOT NULL,
        headline TEXT NOT NULL,
        standfirst TEXT NOT NULL,
        html TEXT NOT NULL,
        json TEXT NOT NULL,
        snapshot BLOB NOT NULL,
        correction TEXT,
        published_by TEXT REFERENCES users(id),
        published_at TEXT NOT NULL,
        UNIQUE (article_id, revision)
      );
      CREATE INDEX published_revisions_slug ON published_revisions(slug, revision);
      CREATE TABLE notifications (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        article_id TEXT REFERENCES articles(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        message TEXT NOT NULL,
        created_at TEXT NOT NULL,
        read_at TEXT
      );
      CREATE INDEX notifications_user ON notifications(user_id, id);
    `,
  },
  {
    version: 3,
    name: 'sessions expire when idle',
    sql: `
      ALTER TABLE sessions ADD COLUMN last_seen_at TEXT;
      UPDATE sessions SET last_seen_at = created_at;
    `,
  },
  {
    version: 6,
    name: 'copy desk checks: dismissed problems per story, and the newsroom dictionary',
    sql: `
      CREATE TABLE check_dismissals (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        rule TEXT NOT NULL,
        text TEXT NOT NULL,
        reason TEXT NOT NULL,
        dismissed_by TEXT REFERENCES users(id),
        dismissed_at TEXT NOT NULL,
        UNIQUE (article_id, rule, text)
      );
      CREATE TABLE dictionary_words (
        normalized TEXT PRIMARY KEY,
        word TEXT NOT NULL,
        added_by TEXT REFERENCES users(id),
        added_at TEXT NOT NULL
      );
    `,
  },
  {
    version: 5,
    name: 'tracked suggestions: who made each one, and when the server first saw it',
    sql: `
      CREATE TABLE suggestions (
        id TEXT PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        author_id TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE INDEX suggestions_article ON suggestions(article_id);
    `,
  },
  {
    version: 7,
    name: 'versions: who wrote with which Yjs client, who deleted what, and how each version was saved',
    sql: `
      CREATE TABLE article_clients (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        client_id BIGINT NOT NULL,
        user_id TEXT REFERENCES users(id),
        first_seen_at TEXT NOT NULL,
        PRIMARY KEY (article_id, client_id)
      );
      CREATE TABLE article_deletions (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        client_id BIGINT NOT NULL,
        clock BIGINT NOT NULL,
        len BIGINT NOT NULL,
        user_id TEXT REFERENCES users(id),
        deleted_at TEXT NOT NULL,
        PRIMARY KEY (article_id, client_id, clock)
      );
      ALTER TABLE article_versions ADD COLUMN kind TEXT NOT NULL DEFAULT 'transition';
    `,
  },
  {
    version: 4,
    name: 'comment threads anchored to words of the body, and their comments',
    sql: `
      CREATE TABLE comment_threads (
        id TEXT PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        anchor_start BLOB NOT NULL,
        anchor_end BLOB NOT NULL,
        quote TEXT NOT NULL,
        created_by TEXT NOT NULL REFERENCES users(id),
        created_at TEXT NOT NULL,
        resolved_at TEXT,
        resolved_by TEXT REFERENCES users(id)
      );
      CREATE INDEX comment_threads_article ON comment_threads(article_id, created_at);
      CREATE TABLE comments (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        thread_id TEXT NOT NULL REFERENCES comment_threads(id) ON DELETE CASCADE,
        author_id TEXT NOT NULL REFERENCES users(id),
        body TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE INDEX comments_thread ON comments(thread_id, id);
    `,
  },
  {
    version: 9,
    name: 'versions keep the story rendered as it then read: its JSON and its HTML',
    sql: `
      ALTER TABLE article_versions ADD COLUMN json TEXT;
      ALTER TABLE article_versions ADD COLUMN html TEXT;
    `,
  },
  {
    version: 8,
    name: 'tracked suggestions keyed by story and id: an id seen in one story says nothing of another',
    sql: `
      CREATE TABLE suggestions_new (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        id TEXT NOT NULL,
        author_id TEXT NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (article_id, id)
      );
      INSERT INTO suggestions_new (article_id, id, author_id, created_at) SELECT article_id, id, author_id, created_at FROM suggestions;
      DROP TABLE suggestions;
      ALTER TABLE suggestions_new RENAME TO suggestions;
    `,
  },
  {
    version: 10,
    name: 'who deleted what, folded: each deleter’s ranges of a story in one blob (server/versions/deletionSets.ts)',
    sql: `
      CREATE TABLE article_deletion_sets (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        user_id TEXT NOT NULL REFERENCES users(id),
        ranges BLOB NOT NULL,
        folded_at TEXT NOT NULL,
        PRIMARY KEY (article_id, user_id)
      );
    `,
  },
  {
    version: 11,
    name: 'the update log kept in story order (SQLite): an append writes one page, not a row, an index entry and a sequence',
    // Ids count per story from here on (the highest of the story's rows, plus one): rows are only
    // ever read, compacted and deleted a story at a time, in id order. PostgreSQL keeps its log.
    sql: `
      CREATE TABLE article_updates_new (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        id INTEGER NOT NULL,
        data BLOB NOT NULL,
        PRIMARY KEY (article_id, id)
      ) WITHOUT ROWID;
      INSERT INTO article_updates_new (article_id, id, data) SELECT article_id, id, data FROM article_updates;
      DROP TABLE article_updates;
      ALTER TABLE article_updates_new RENAME TO article_updates;
    `,
    postgres: '',
  },
];
