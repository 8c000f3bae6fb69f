/** Who is in the story right now, from the awareness states of the collab session. */
import { useEffect, useState } from 'react';
import type { CollabSession } from './collabSession';

/** One person shown beside the story. */
export interface PresentPerson {
  name: string;
  color: string;
  isYou: boolean;
}

function peopleIn(session: CollabSession): PresentPerson[] {
  const you = session.awareness.clientID;
  const byIdentity = new Map<string, PresentPerson>();
  session.awareness.getStates().forEach((state, clientId) => {
    const user = state?.user as { name?: unknown; color?: unknown } | undefined;
    if (!user || typeof user.name !== 'string' || typeof user.color !== 'string') return;
    // One person with the story open in two tabs is still one person.
    const key = `${user.name}\u0000${user.color}`;
    const isYou = clientId === you || (byIdentity.get(key)?.isYou ?? false);
    byIdentity.set(key, { name: user.name, color: user.color, isYou });
  });
  return [...byIdentity.values()].sort((a, b) => Number(b.isYou) - Number(a.isYou) || a.name.localeCompare(b.name));
}

function samePeople(a: PresentPerson[], b: PresentPerson[]): boolean {
  return a.length === b.length && a.every((p, i) => p.name === b[i].name && p.color === b[i].color && p.isYou === b[i].isYou);
}

/** The people in a story, yourself first; re-renders only when the list changes. */
export function usePresence(session: CollabSession | null): PresentPerson[] {
  const [people, setPeople] = useState<PresentPerson[]>(() => (session ? peopleIn(session) : []));
  useEffect(() => {
    if (!session) {
      setPeople([]);
      return;
    }
    const refresh = (): void => {
      const next = peopleIn(session);
      setPeople((previous) => (samePeople(previous, next) ? previous : next));
    };
    refresh();
    session.awareness.on('change', refresh);
    return () => session.awareness.off('change', refresh);
  }, [session]);
  return people;
}
