/**
 * Login sessions. The cookie holds a random token; the database holds only its SHA-256,
 * so a copy of the database does not let anyone sign in.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { SqliteDatabase } from '../store/sqlite';

export const SessionCookie = 'galley_session';

const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

/** The session table. */
export class SessionStore {
  constructor(
    private readonly db: SqliteDatabase,
    private readonly lifetimeMs: number,
  ) {}

  /** Starts a session for a user and returns its token (for the cookie). */
  async start(userId: string): Promise<{ token: string; expiresAt: Date }> {
    const token = randomBytes(32).toString('base64url');
    const now = new Date();
    const expiresAt = new Date(now.getTime() + this.lifetimeMs);
    this.db
      .prepare('INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)')
      .run(hashToken(token), userId, now.toISOString(), expiresAt.toISOString());
    return { token, expiresAt };
  }

  /** The user id of a live session, or undefined when the token is unknown or expired. */
  async userIdFor(token: string): Promise<string | undefined> {
    const row = this.db
      .prepare<[string, string], { user_id: string }>('SELECT user_id FROM sessions WHERE token_hash = ? AND expires_at > ?')
      .get(hashToken(token), new Date().toISOString());
    return row?.user_id;
  }

  /** Ends a session. */
  async end(token: string): Promise<void> {
    this.db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(hashToken(token));
  }
}

/** Reads one cookie from a Cookie header. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}
