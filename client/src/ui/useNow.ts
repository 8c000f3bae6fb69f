/** The time now, refreshed every so often, so that "3 min ago" stays true on a page left open. */
import { useEffect, useState } from 'react';

/** `Date.now()`, re-rendering every `everyMs`. */
export function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
