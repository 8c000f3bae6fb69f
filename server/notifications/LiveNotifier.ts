/** Stores notifications and pushes them live to the people they are for. */
import type { Notification } from '../../shared/api';
import type { Notifier } from '../workflow/notify';
import type { NotificationStore } from './NotificationStore';

/** The notifier the workflow uses. */
export class LiveNotifier implements Notifier {
  constructor(
    private readonly store: NotificationStore,
    private readonly push: (userId: string, n: Notification) => void,
  ) {}

  async notify(recipients: { userIds?: string[]; roles?: string[] }, n: { articleId: string; kind: Notification['kind']; message: string }, except?: string | null): Promise<void> {
    const byRole = recipients.roles?.length ? await this.store.usersWithRoles(recipients.roles) : [];
    const ids = [...(recipients.userIds ?? []), ...byRole].filter((id) => id !== except);
    for (const [userId, notification] of await this.store.add(ids, n)) this.push(userId, notification);
  }
}
