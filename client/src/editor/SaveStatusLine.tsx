/** The status line of a story: is everything typed here stored on the server? */
import { SaveStatusLabels, type SaveStatus } from './saveStatus';

const explanations: Record<SaveStatus, string> = {
  connecting: 'Connecting to the newsroom server.',
  saving: 'Your latest changes are on their way to the server.',
  saved: 'The server has stored every change made here.',
  offline: 'No connection to the server. Galley will reconnect by itself.',
  'offline-unsaved': 'No connection to the server. Your changes are kept on this device and will be sent when the connection returns.',
  error: 'This story cannot be edited here.',
};

/** The status line, with `data-status` for tests and a live region for screen readers. */
export function SaveStatusLine({ status }: { status: SaveStatus }) {
  return (
    <span className={`save-status save-status--${status}`} data-testid="save-status" data-status={status} role="status" aria-live="polite" title={explanations[status]}>
      <span className="save-status__dot" aria-hidden="true" />
      <span className="save-status__text">{SaveStatusLabels[status]}</span>
    </span>
  );
}
