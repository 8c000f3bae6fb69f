/** Who hears about a workflow step: the desk a story reaches, the reporters it comes back to. */
import type { Notification } from '../../shared/api';
import type { TransitionResult } from './articleTransitioner';

/** Delivers notifications: stores them and pushes them to whoever is online. */
export interface Notifier {
  notify(recipients: { userIds?: string[]; roles?: string[] }, n: { articleId: string; kind: Notification['kind']; message: string }, except?: string | null): Promise<void>;
}

/** Sends the notifications a step calls for. */
export async function notifyAfter(notifier: Notifier, { article, event }: TransitionResult): Promise<void> {
  const title = article.headline ? `“${article.headline}”` : 'An untitled story';
  const authors = article.authors.map((a) => a.id);
  const by = event.by?.id ?? null;
  const withNote = (text: string) => (event.note ? `${text}: ${event.note}` : text);
  const send = (recipients: { userIds?: string[]; roles?: string[] }, kind: Notification['kind'], message: string) =>
    notifier.notify(recipients, { articleId: article.id, kind, message }, by);

  switch (event.action) {
    case 'submit':
      return send({ roles: ['copy_editor'] }, 'reached_desk', `${title} reached the copy desk.`);
    case 'sign_off':
      return send({ roles: ['publisher', 'admin'] }, 'reached_desk', `${title} was signed off and is waiting for approval.`);
    case 'return':
      return send({ userIds: authors }, 'returned', withNote(`${title} came back to you from the copy desk`));
    case 'send_back':
      return event.to === 'draft'
        ? send({ userIds: authors }, 'returned', withNote(`${title} was sent back to you`))
        : send({ roles: ['copy_editor'] }, 'returned', withNote(`${title} was sent back to the copy desk`));
    case 'restore':
      return send({ userIds: authors }, 'returned', `${title} was restored and is with you again.`);
    case 'publish':
    case 'scheduled_publish':
      return send({ userIds: authors }, 'published', `${title} was published.`);
    case 'schedule_failed':
      return send({ roles: ['publisher', 'admin'], userIds: authors }, 'schedule_failed', event.note ?? `${title} could not be published at its scheduled time.`);
    default:
      return undefined;
  }
}
