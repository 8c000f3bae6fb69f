/** Log out: ends the session and deletes this device's copies of stories. */
import { useState } from 'react';
import { logOut } from '../auth';
import { anySessionHasUnsavedChanges, waitForSaving } from '../editor/collabSession';

/** The Log out button, wherever a page shows it. */
export function LogoutButton() {
  const [leaving, setLeaving] = useState(false);

  async function onClick(): Promise<void> {
    setLeaving(true);
    // Edits typed a moment ago are usually a round trip from stored: let them land first.
    await waitForSaving(5_000);
    // Logging out deletes this device's copies of stories: say so if some edit has not reached the server.
    if (anySessionHasUnsavedChanges() && !window.confirm('Some of your latest changes have not reached the server yet. Log out anyway and lose them?')) {
      setLeaving(false);
      return;
    }
    await logOut();
  }

  return (
    <button type="button" className="button button--quiet" data-testid="logout" disabled={leaving} onClick={() => void onClick()}>
      {leaving ? 'Logging out…' : 'Log out'}
    </button>
  );
}
