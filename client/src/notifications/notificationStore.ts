/**
 * The signed-in person's notifications, for the whole tab: loaded once, kept live by the newsroom
 * socket, reloaded after a reconnect (events sent while the socket was down are not replayed).
 */
import { useEffect, useSyncExternalStore } from 'react';
import type { Notification } from '../../../shared/api';
import { listNotifications, markNotificationRead } from '../api/notifications';
import { useNewsroomConnect, useNewsroomEvent } from '../realtime/newsroomSocket';
import { navigate } from '../router';

/** What the bell and the toasts show. */
export interface NotificationsState {
  items: Notification[];
  loaded: boolean;
  /** Notifications that arrived live and are shown as toasts until dismissed. */
  toasts: Notification[];
}

const empty: NotificationsState = { items: [], loaded: false, toasts: [] };
let state: NotificationsState = empty;
const listeners = new Set<() => void>();
/** Bumped at logout so that an answer for the previous person is thrown away. */
let generation = 0;

function set(next: NotificationsState): void {
  state = next;
  for (const listener of listeners) listener();
}

/** The notifications; re-renders when they change. */
export function useNotifications(): NotificationsState {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => state,
  );
}

/** Fetch the latest notifications from the server. */
export async function loadNotifications(): Promise<void> {
  const asked = generation;
  try {
    const loaded = await listNotifications();
    if (asked !== generation) return;
    // A notification pushed while this answer was on its way is newer than everything in it: keep it.
    const newest = loaded.reduce((max, n) => Math.max(max, n.id), 0);
    const items = [...state.items.filter((n) => n.id > newest), ...loaded];
    set({ ...state, items, loaded: true });
  } catch {
    // The bell keeps what it had; the next reconnect or page load tries again.
  }
}

/** A notification arrived live: add it to the list and show it as a toast. */
export function receiveNotification(n: Notification): void {
  if (state.items.some((i) => i.id === n.id)) return;
  set({ ...state, items: [n, ...state.items], toasts: [...state.toasts.slice(-2), n] });
}

/** Mark one read, on the server and here. */
export async function markRead(id: number): Promise<void> {
  const readAt = new Date().toISOString();
  set({ ...state, items: state.items.map((i) => (i.id === id && !i.readAt ? { ...i, readAt } : i)), toasts: state.toasts.filter((t) => t.id !== id) });
  try {
    await markNotificationRead(id);
  } catch {
    // Shown as read here; the server will say otherwise at the next load, which is harmless.
  }
}

/** Mark every unread one read. */
export async function markAllRead(): Promise<void> {
  await Promise.all(state.items.filter((i) => !i.readAt).map((i) => markRead(i.id)));
}

/** Open the story a notification is about, and mark it read. */
export function openNotification(n: Notification): void {
  void markRead(n.id);
  if (n.articleId) navigate(`/stories/${encodeURIComponent(n.articleId)}`);
}

/** Hide a toast (the notification stays in the list). */
export function dismissToast(id: number): void {
  set({ ...state, toasts: state.toasts.filter((t) => t.id !== id) });
}

/** Forget everything (logout). */
export function resetNotifications(): void {
  generation++;
  set(empty);
}

/** Keeps the notifications live while someone is signed in; mount once, in the app shell. */
export function useNotificationFeed(): void {
  useEffect(() => {
    void loadNotifications();
  }, []);
  // What arrived before the socket (re)connected is not replayed: catch up on each connection.
  useNewsroomConnect(() => void loadNotifications());
  useNewsroomEvent('notification', receiveNotification);
}
