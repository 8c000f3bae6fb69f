/**
 * A `<time>` whose tooltip gives the full date and time. The tooltip is formatted when someone points
 * at the element or focuses it, not when it renders: the browser's first date formatter costs some
 * 80 ms (its locale data loads), which the story page would otherwise pay in its first render, while
 * the reporter waits for the editor.
 */
import type { FocusEvent, PointerEvent, ReactNode } from 'react';
import { fullTime } from './relativeTime';

// Formatted each time (the formatter is made once): the element may have been given a newer date since.
function giveTitle(event: PointerEvent<HTMLTimeElement> | FocusEvent<HTMLTimeElement>): void {
  const time = event.currentTarget;
  time.title = fullTime(time.dateTime);
}

export function Timestamp({ iso, className, children }: { iso: string; className?: string; children: ReactNode }) {
  return (
    <time className={className} dateTime={iso} onPointerEnter={giveTitle} onFocus={giveTitle}>
      {children}
    </time>
  );
}
