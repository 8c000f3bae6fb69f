/**
 * Login sessions. The cookie holds a random token; the database holds only its SHA-256 (the
 * session id), so a copy of the database does not let anyone sign in. A session ends at logout, at
 * its expiry, or after a spell of idleness.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Database } from '../store/database';

export const SessionCookie = 'galley_session';

/** The id a session is known by on the server: the hash of its token, never the token itself. */
export const sessionIdOf = (token: string) => createHash('sha256').update(token).digest('base64url');

/** Don't write `last_seen_at` more often than this per session. */
const TouchEveryMs = 60_000;

/** A live session. */
export interface SessionInfo {
  sessionId: string;
  userId: string;
}

/** The session table. */
export class SessionStore {
  constructor(
    private readonly db: Database,
    private readonly lifetimeMs: number,
    private readonly idleMs: number,
  ) {}

  /** Starts a session for a user and returns its token (for the cookie). */
  async start(userId: string): Promise<{ token: string; expiresAt: Date }> {
    const token = randomBytes(32).toString('base64url');
    const now = new Date();
    const expiresAt = new Date(now.getTime() + this.lifetimeMs);
    await this.db.run('INSERT INTO sessions (token_hash, user_id, created_at, expires_at, last_seen_at) VALUES (?, ?, ?, ?, ?)', [
      sessionIdOf(token),
      userId,
      now.toISOString(),
      expiresAt.toISOString(),
      now.toISOString(),
    ]);
    return { token, expiresAt };
  }

  /** The live session of a token, or undefined when it is unknown, expired or idle too long. */
  async sessionFor(token: string): Promise<SessionInfo | undefined> {
    const sessionId = sessionIdOf(token);
    const now = Date.now();
    const row = await this.db.get<{ user_id: string; last_seen_at: string }>(
      'SELECT user_id, last_seen_at FROM sessions WHERE token_hash = ? AND expires_at > ? AND last_seen_at > ?',
      [sessionId, new Date(now).toISOString(), new Date(now - this.idleMs).toISOString()],
    );
    if (!row) return undefined;
    if (now - Date.parse(row.last_seen_at) > TouchEveryMs) await this.db.run('UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?', [new Date(now).toISOString(), sessionId]);
    return { sessionId, userId: row.user_id };
  }

  /** Ends a session by its token. */
  async end(token: string): Promise<string> {
    const sessionId = sessionIdOf(token);
    await this.db.run('DELETE FROM sessions WHERE token_hash = ?', [sessionId]);
    return sessionId;
  }

  /** Ends every session of a user (a role or password change). */
  async endAllFor(userId: string): Promise<void> {
    await this.db.run('DELETE FROM sessions WHERE user_id = ?', [userId]);
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
