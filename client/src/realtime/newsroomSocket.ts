/**
 * The newsroom's live events over socket.io: one socket per signed-in tab, opened on first use and
 * closed at logout. Pages subscribe to the events they show; the socket rejoins rooms by itself,
 * but a page that watches a story must watch it again after a reconnect (see `onNewsroomConnect`).
 */
import { useEffect, useRef, useSyncExternalStore } from 'react';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../../shared/events';
import { fetchMe } from '../api/session';

/** The typed socket of a signed-in tab. */
export type NewsroomSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let socket: NewsroomSocket | null = null;
let retry: ReturnType<typeof setTimeout> | null = null;
const statusListeners = new Set<() => void>();
let onSessionGone: () => void = () => {};

/** What to do when the socket is refused because the session ended (the app signs the user out). */
export function setNewsroomSessionHandler(handler: () => void): void {
  onSessionGone = handler;
}

function announceStatus(): void {
  for (const listener of statusListeners) listener();
}

/** The tab's socket, opened on first use. */
export function newsroomSocket(): NewsroomSocket {
  if (socket) return socket;
  // WebSocket only: long-polling would need sticky sessions behind a load balancer, and the editor needs WebSockets anyway.
  const opened: NewsroomSocket = io({ path: '/socket.io', withCredentials: true, transports: ['websocket'] });
  opened.on('connect', announceStatus);
  opened.on('disconnect', announceStatus);
  opened.on('connect_error', () => {
    announceStatus();
    // A transport failure is retried by socket.io itself; a refusal by the server's middleware is not:
    // if the session is gone the app signs out, otherwise try again in a while.
    if (opened.active) return;
    fetchMe().then(
      (me) => {
        if (socket !== opened) return;
        if (me === null) onSessionGone();
        else scheduleRetry(opened);
      },
      () => scheduleRetry(opened),
    );
  });
  socket = opened;
  return opened;
}

function scheduleRetry(target: NewsroomSocket): void {
  if (retry) clearTimeout(retry);
  retry = setTimeout(() => {
    retry = null;
    if (socket === target && !target.connected) target.connect();
  }, 5_000);
}

/** The tab's socket if one is open, without opening one (for clean-ups that run after logout). */
export function openNewsroomSocket(): NewsroomSocket | null {
  return socket;
}

/** Close the tab's socket (logout, or the session ended): no event reaches a signed-out page. */
export function closeNewsroomSocket(): void {
  if (retry) clearTimeout(retry);
  retry = null;
  const closing = socket;
  socket = null;
  closing?.disconnect();
  closing?.removeAllListeners();
  announceStatus();
}

/** Whether live events are flowing now; re-renders when that changes. */
export function useNewsroomConnected(): boolean {
  return useSyncExternalStore(
    (listener) => {
      statusListeners.add(listener);
      newsroomSocket();
      return () => statusListeners.delete(listener);
    },
    () => socket?.connected ?? false,
  );
}

type EventName = keyof ServerToClientEvents;

/** Calls `handler` for each `event` while the component is mounted; the latest handler is always used. */
export function useNewsroomEvent<E extends EventName>(event: E, handler: ServerToClientEvents[E]): void {
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => {
    const s = newsroomSocket();
    const listener = ((...args: Parameters<ServerToClientEvents[E]>) => (latest.current as (...a: typeof args) => void)(...args)) as unknown as ServerToClientEvents[E];
    // socket.io's typed `on` cannot follow a generic event name; the listener's type is the event's own.
    (s.on as (e: E, l: ServerToClientEvents[E]) => void)(event, listener);
    return () => {
      (s.off as (e: E, l: ServerToClientEvents[E]) => void)(event, listener);
    };
  }, [event]);
}

/** Calls `handler` on every (re)connection, and once now if already connected. */
export function useNewsroomConnect(handler: (socket: NewsroomSocket) => void): void {
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => {
    const s = newsroomSocket();
    const onConnect = () => latest.current(s);
    if (s.connected) onConnect();
    s.on('connect', onConnect);
    return () => {
      s.off('connect', onConnect);
    };
  }, []);
}
