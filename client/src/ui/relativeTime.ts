/** "3 min ago": how long since a change, as a newsroom reads a story list. */

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

/** A short relative time for an ISO timestamp, measured from `now`. */
export function relativeTime(iso: string, now: number = Date.now()): string {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return '—';
  const elapsed = Math.max(0, now - then);
  if (elapsed < 45_000) return 'just now';
  if (elapsed < hour) return `${Math.max(1, Math.round(elapsed / minute))} min ago`;
  if (elapsed < day) {
    const hours = Math.round(elapsed / hour);
    return `${hours} hour${hours === 1 ? '' : 's'} ago`;
  }
  if (elapsed < 7 * day) {
    const days = Math.round(elapsed / day);
    return days === 1 ? 'yesterday' : `${days} days ago`;
  }
  const date = new Date(then);
  const sameYear = date.getFullYear() === new Date(now).getFullYear();
  return date.toLocaleDateString(undefined, sameYear ? { day: 'numeric', month: 'short' } : { day: 'numeric', month: 'short', year: 'numeric' });
}

/** The full date and time, for a tooltip. */
export function fullTime(iso: string): string {
  const then = Date.parse(iso);
  return Number.isNaN(then) ? '' : new Date(then).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
