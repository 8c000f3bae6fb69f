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

  notify(recipients: { userIds?: string[]; roles?: string[] }, n: { articleId: string; kind: Notification['kind']; message: string }, except?: string | null): void {
    const ids = [...(recipients.userIds ?? []), ...(recipients.roles?.length ? this.store.usersWithRoles(recipients.roles) : [])].filter((id) => id !== except);
    for (const [userId, notification] of this.store.add(ids, n)) this.push(userId, notification);
  }
}
