/** Who is signed in, for the whole app, and the logout that leaves nothing behind on this device. */
import { useSyncExternalStore } from 'react';
import type { Me } from '../../shared/api';
import { fetchMe, signOut } from './api/session';
import { setUnauthenticatedHandler } from './api/http';
import { destroyAllSessions } from './editor/collabSession';
import { wipeOfflineCopies } from './editor/offlineStore';
import { resetNotifications } from './notifications/notificationStore';
import { closeNewsroomSocket, setNewsroomSessionHandler } from './realtime/newsroomSocket';
import { loginPath, navigate } from './router';

/** Not known yet, nobody, somebody, or the server could not be asked. */
export type AuthState = { kind: 'loading' } | { kind: 'signed-out' } | { kind: 'signed-in'; me: Me } | { kind: 'unreachable'; message: string };

let state: AuthState = { kind: 'loading' };
const listeners = new Set<() => void>();

function setState(next: AuthState): void {
  state = next;
  for (const listener of listeners) listener();
}

/** The auth state; re-renders when it changes. */
export function useAuth(): AuthState {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => state,
  );
}

/** Ask the server who is signed in (at start, and to retry after a network failure). */
export async function loadMe(): Promise<void> {
  setState({ kind: 'loading' });
  try {
    const me = await fetchMe();
    setState(me ? { kind: 'signed-in', me } : { kind: 'signed-out' });
  } catch (error) {
    setState({ kind: 'unreachable', message: error instanceof Error ? error.message : 'Galley cannot reach the server.' });
  }
}

/** The login form succeeded. */
export function signedIn(me: Me): void {
  setState({ kind: 'signed-in', me });
}

/** The server no longer knows this session (it expired, or was ended elsewhere). */
export function sessionExpired(): void {
  closeNewsroomSocket();
  resetNotifications();
  setState({ kind: 'signed-out' });
  if (location.pathname !== '/login') navigate(loginPath(), { replace: true });
}

setUnauthenticatedHandler(sessionExpired);
setNewsroomSessionHandler(sessionExpired);

/** Log out: stop every open story and the live events, end the session, delete this device's copies, go to /login. */
export async function logOut(): Promise<void> {
  // Providers first, so no edit is sent after the session ends and no database is held open.
  await destroyAllSessions();
  closeNewsroomSocket();
  resetNotifications();
  try {
    await signOut();
  } catch {
    // Offline or already signed out: the device is still cleared below.
  }
  await wipeOfflineCopies();
  setState({ kind: 'signed-out' });
  navigate('/login', { replace: true });
}
