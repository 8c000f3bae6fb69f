/** A tiny path router: history.pushState for navigation, popstate for back and forward. */
import { useSyncExternalStore, type MouseEvent } from 'react';

/** A page the client can show, parsed from the location. */
export type Route =
  | { page: 'login'; next: string | null }
  | { page: 'stories' }
  | { page: 'story'; id: string }
  | { page: 'not-found' };

const listeners = new Set<() => void>();

function notify(): void {
  for (const listener of listeners) listener();
}

window.addEventListener('popstate', notify);

/** Go to a path inside the app without reloading the page. */
export function navigate(path: string, { replace = false }: { replace?: boolean } = {}): void {
  if (path === currentPath()) return;
  if (replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  window.scrollTo(0, 0);
  notify();
}

/** The path, query included, that the user is on. */
export function currentPath(): string {
  return location.pathname + location.search;
}

/** The login page, remembering where to come back to. */
export function loginPath(next: string = currentPath()): string {
  return next === '/' || next.startsWith('/login') ? '/login' : `/login?next=${encodeURIComponent(next)}`;
}

/** Only same-app paths are followed after login, never another origin. */
function safeNext(value: string | null): string | null {
  return value && value.startsWith('/') && !value.startsWith('//') ? value : null;
}

/** Which page a path shows. */
export function parseRoute(pathname: string, search: string): Route {
  if (pathname === '/login') return { page: 'login', next: safeNext(new URLSearchParams(search).get('next')) };
  if (pathname === '/' || pathname === '') return { page: 'stories' };
  const story = /^\/stories\/([^/]+)\/?$/.exec(pathname);
  if (story) return { page: 'story', id: decodeURIComponent(story[1]) };
  return { page: 'not-found' };
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The current route; re-renders on navigation. */
export function useRoute(): Route {
  const path = useSyncExternalStore(subscribe, currentPath);
  const url = new URL(path, location.origin);
  return parseRoute(url.pathname, url.search);
}

/** Props for an in-app link that still opens in a new tab with a modifier click. */
export function linkProps(path: string): { href: string; onClick: (event: MouseEvent) => void } {
  return {
    href: path,
    onClick: (event) => {
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      navigate(path);
    },
  };
}
