/**
 * The story page's code (the editors: Tiptap, ProseMirror) in a chunk of its own, which the login and
 * the budget never load. A link to a story starts fetching it at boot, while the app still asks who is
 * signed in, instead of after.
 *
 * This is not React.lazy in a Suspense boundary on purpose: React holds back content that resolves
 * after a Suspense fallback was shown until 300 ms have passed since that fallback, so a chunk that
 * arrived sooner still kept the editors away for the rest of those 300 ms.
 */
import { useEffect, useState } from 'react';

type StoryPageModule = typeof import('./StoryPage');

/** Where the chunk is: on its way, in (with the page component), or not to be had (offline, a new deploy). */
export type StoryPageChunk = { status: 'loading' } | { status: 'loaded'; StoryPage: StoryPageModule['StoryPage'] } | { status: 'failed' };

let chunk: StoryPageChunk = { status: 'loading' };
let requested = false;
const listeners = new Set<() => void>();

function settle(next: StoryPageChunk): void {
  chunk = next;
  for (const listener of listeners) listener();
}

/** Start fetching the story page's chunk, once per tab. */
export function preloadStoryPage(): void {
  if (requested) return;
  requested = true;
  import('./StoryPage').then(
    (m) => settle({ status: 'loaded', StoryPage: m.StoryPage }),
    // The browser keeps a failed module import failed for the life of the document: only a reload retries.
    () => settle({ status: 'failed' }),
  );
}

/**
 * The story page's chunk; re-renders when it arrives. Starts the fetch if nothing has yet.
 *
 * A plain state update, not useSyncExternalStore: a store update renders at once, in the same task as
 * the chunk's evaluation, while this one renders in a task of its own, so what arrived meanwhile (the
 * collab socket opening, which starts its sync) is handled before the long render of the editors.
 */
export function useStoryPageChunk(): StoryPageChunk {
  const [current, setCurrent] = useState(chunk);
  useEffect(() => {
    const update = (): void => setCurrent(chunk);
    listeners.add(update);
    preloadStoryPage();
    // It may have settled between the render and this effect.
    update();
    return () => {
      listeners.delete(update);
    };
  }, []);
  return current;
}
