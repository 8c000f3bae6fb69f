/** Open a story's collab session for as long as a page shows it. */
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { Me } from '../../../shared/api';
import { CollabSession, type SessionSnapshot } from './collabSession';

const closedSnapshot: SessionSnapshot = { status: 'connecting', ready: false, problem: null };
const noSubscription = (): (() => void) => () => {};

/** The session of one story, created on mount and released on unmount. */
export function useCollabSession(articleId: string, me: Me): { session: CollabSession | null; snapshot: SessionSnapshot } {
  const [session, setSession] = useState<CollabSession | null>(null);
  useEffect(() => {
    const opened = new CollabSession(articleId, me);
    setSession(opened);
    return () => {
      opened.release();
      setSession(null);
    };
    // Keyed by the user's id: a fresh copy of the same user's record must not reopen the story.
  }, [articleId, me.id]);
  const snapshot = useSyncExternalStore(session?.subscribe ?? noSubscription, session?.getSnapshot ?? (() => closedSnapshot));
  return { session, snapshot };
}
