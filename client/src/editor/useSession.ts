/** Open a story's collab session for as long as a page shows it. */
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { Me } from '../../../shared/api';
import { CollabSession, type Refusal, type SessionSnapshot } from './collabSession';

const closedSnapshot: SessionSnapshot = { status: 'connecting', ready: false, problem: null, refused: false, refusal: null };
const noSubscription = (): (() => void) => () => {};

/** A story's session, and how many times the server refused this device's changes to it. */
export interface CollabSessionState {
  session: CollabSession | null;
  snapshot: SessionSnapshot;
  /** Counts refusals (close 4409 or 4422); each one discarded the local copy and reopened the story fresh. */
  refusals: number;
  /** Why the last refusal happened. */
  lastRefusal: Refusal | null;
}

/** The session of one story, created on mount, released on unmount, and reopened fresh after a refusal. */
export function useCollabSession(articleId: string, me: Me): CollabSessionState {
  const [session, setSession] = useState<CollabSession | null>(null);
  const [refusals, setRefusals] = useState(0);
  const [lastRefusal, setLastRefusal] = useState<Refusal | null>(null);
  useEffect(() => {
    let current = true;
    const opened = new CollabSession(articleId, me);
    setSession(opened);
    const unsubscribe = opened.subscribe(() => {
      if (!opened.getSnapshot().refused) return;
      unsubscribe();
      setLastRefusal(opened.getSnapshot().refusal);
      setSession(null);
      // Reopen only once the refused copy is gone from this device, or it would be sent again.
      void opened.discard().then(() => {
        if (current) setRefusals((n) => n + 1);
      });
    });
    return () => {
      current = false;
      unsubscribe();
      opened.release();
      setSession((s) => (s === opened ? null : s));
    };
    // Keyed by the user's id: a fresh copy of the same user's record must not reopen the story.
    // A refusal bumps `refusals`, which opens a new session on a fresh doc.
  }, [articleId, me.id, refusals]);
  const snapshot = useSyncExternalStore(session?.subscribe ?? noSubscription, session?.getSnapshot ?? (() => closedSnapshot));
  return { session, snapshot, refusals, lastRefusal };
}
