/** How people appear beside the text: a stable colour and initials for each newsroom member. */

/** Caret and avatar colours, chosen to read on white and to tell apart at a glance. */
export const CaretPalette = ['#d9480f', '#1971c2', '#2f9e44', '#ae3ec9', '#e8590c', '#0c8599', '#c2255c', '#5f3dc4', '#66a80f', '#1864ab'] as const;

/** A stable colour for a user id. */
export function colorFor(userId: string): string {
  let hash = 0;
  for (const ch of userId) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return CaretPalette[hash % CaretPalette.length];
}

/** Up to two initials of a name, for an avatar. */
export function initialsOf(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0) return '?';
  const first = parts[0][0] ?? '';
  const last = parts.length > 1 ? (parts[parts.length - 1][0] ?? '') : '';
  return (first + last).toUpperCase();
}
