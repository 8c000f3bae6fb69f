/**
 * The on-device copies of stories (y-indexeddb), one IndexedDB database per user and story.
 * They are wiped at logout so the next person at this browser cannot read them.
 */

const prefix = 'galley:';
/** Names we opened, for browsers without indexedDB.databases() (Firefox before 126). */
const registryKey = 'galley:offline-databases';

/** The IndexedDB database holding one user's copy of one story. */
export function offlineDatabaseName(userId: string, articleId: string): string {
  const name = `${prefix}${userId}:${articleId}`;
  remember(name);
  return name;
}

function remembered(): string[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(registryKey) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((n): n is string => typeof n === 'string') : [];
  } catch {
    return [];
  }
}

function remember(name: string): void {
  try {
    const names = remembered();
    if (!names.includes(name)) localStorage.setItem(registryKey, JSON.stringify([...names, name]));
  } catch {
    // Storage may be disabled; indexedDB.databases() still finds the database at logout.
  }
}

/** Delete one database (a story's copy the server refused). */
export function deleteOfflineDatabase(name: string): Promise<void> {
  return new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => resolve();
    // Blocked means a connection is still open somewhere (another tab). The delete completes when that
    // closes; wait a little for it, but never hang the logout on another tab.
    request.onblocked = () => setTimeout(resolve, 1500);
  });
}

/** Delete every Galley database on this device (at logout). */
export async function wipeOfflineCopies(): Promise<void> {
  if (typeof indexedDB === 'undefined') return;
  const names = new Set(remembered());
  try {
    for (const db of await indexedDB.databases()) {
      if (db.name?.startsWith(prefix)) names.add(db.name);
    }
  } catch {
    // databases() is missing in older browsers: fall back to the names we remembered.
  }
  await Promise.all([...names].map(deleteOfflineDatabase));
  try {
    localStorage.removeItem(registryKey);
  } catch {
    // ignore: nothing left to forget
  }
}
