/** "3 min ago": how long since a change, as a newsroom reads a story list. */

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

/**
 * A formatter made on first use and kept: toLocaleString with options builds a new one on every call,
 * and a page that formats a date on each render paid some 10 ms a call for it.
 */
function formatter(options: Intl.DateTimeFormatOptions): () => Intl.DateTimeFormat {
  let made: Intl.DateTimeFormat | undefined;
  return () => (made ??= new Intl.DateTimeFormat(undefined, options));
}
const dayThisYear = formatter({ day: 'numeric', month: 'short' });
const dayOtherYear = formatter({ day: 'numeric', month: 'short', year: 'numeric' });
const dateAndTime = formatter({ dateStyle: 'medium', timeStyle: 'short' });

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
  return (sameYear ? dayThisYear : dayOtherYear)().format(date);
}

/** The full date and time, for a tooltip. */
export function fullTime(iso: string): string {
  const then = Date.parse(iso);
  return Number.isNaN(then) ? '' : dateAndTime().format(then);
}

/** How a deadline reads on the budget: "in 40 min", "in 5 h", "in 3 days", or how long it is overdue. */
export function deadlineLabel(iso: string, now: number = Date.now()): { text: string; overdue: boolean } {
  const due = Date.parse(iso);
  if (Number.isNaN(due)) return { text: '—', overdue: false };
  const left = due - now;
  const span = (ms: number): string => {
    if (ms < hour) return `${Math.max(1, Math.round(ms / minute))} min`;
    if (ms < day) return `${Math.round(ms / hour)} h`;
    const days = Math.round(ms / day);
    return `${days} day${days === 1 ? '' : 's'}`;
  };
  if (left < 0) return { text: `${span(-left)} overdue`, overdue: true };
  return { text: `in ${span(left)}`, overdue: false };
}

/** A `datetime-local` input's value (local time, minutes) for an ISO timestamp, or '' for none. */
export function toLocalInputValue(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The ISO timestamp of a `datetime-local` input's value (read as local time), or null when empty or invalid. */
export function fromLocalInputValue(value: string): string | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** Tomorrow at 07:00 local time: when a scheduled story usually goes out. */
export function tomorrowMorning(now: Date = new Date()): Date {
  const next = new Date(now);
  next.setDate(next.getDate() + 1);
  next.setHours(7, 0, 0, 0);
  return next;
}
