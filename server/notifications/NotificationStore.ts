/** In-app notifications: a story reached your desk, came back to you, went out, or failed to. */
import type { Notification } from '../../shared/api';
import type { Database, Sql } from '../store/database';

interface Row {
  id: number;
  article_id: string | null;
  kind: Notification['kind'];
  message: string;
  created_at: string;
  read_at: string | null;
}

const toNotification = (r: Row): Notification => ({ id: r.id, articleId: r.article_id, kind: r.kind, message: r.message, createdAt: r.created_at, readAt: r.read_at });

/** The notifications table. */
export class NotificationStore {
  constructor(private readonly db: Database) {}

  /** Adds one notification per user; returns them by user id. */
  async add(
    userIds: string[],
    n: { articleId: string | null; kind: Notification['kind']; message: string; at?: Date },
    on: Sql = this.db,
  ): Promise<Map<string, Notification>> {
    const at = (n.at ?? new Date()).toISOString();
    const added = new Map<string, Notification>();
    for (const userId of new Set(userIds)) {
      const { id } = (await on.get<{ id: number }>('INSERT INTO notifications (user_id, article_id, kind, message, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id', [
        userId,
        n.articleId,
        n.kind,
        n.message,
        at,
      ]))!;
      added.set(userId, { id, articleId: n.articleId, kind: n.kind, message: n.message, createdAt: at, readAt: null });
    }
    return added;
  }

  /** A person's latest notifications, newest first. */
  async forUser(userId: string, limit = 50): Promise<Notification[]> {
    return (await this.db.all<Row>('SELECT * FROM notifications WHERE user_id = ? ORDER BY id DESC LIMIT ?', [userId, limit])).map(toNotification);
  }

  /** Marks one of a person's notifications read; false if it is not theirs. */
  async markRead(userId: string, id: number): Promise<boolean> {
    return (await this.db.run('UPDATE notifications SET read_at = COALESCE(read_at, ?) WHERE id = ? AND user_id = ?', [new Date().toISOString(), id, userId])) > 0;
  }

  /** Ids of users with a given role, for notifying a desk. */
  async usersWithRoles(roles: string[], on: Sql = this.db): Promise<string[]> {
    return (await on.all<{ id: string }>(`SELECT id FROM users WHERE role IN (${roles.map(() => '?').join(',')})`, roles)).map((r) => r.id);
  }
}
