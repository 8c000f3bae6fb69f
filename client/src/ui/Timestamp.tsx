/**
 * A `<time>` whose tooltip gives the full date and time. The tooltip is formatted when someone points
 * at the element or focuses it, not when it renders: the browser's first date formatter costs some
 * 80 ms (its locale data loads), which a page would otherwise pay in its first render: the story page
 * while the reporter waits for the editor, the budget while the desk waits for its list.
 */
import type { ReactNode } from 'react';
import { fullTime } from './relativeTime';

interface TimestampProps {
  iso: string | undefined;
  /** Words before the date in the tooltip: "Deadline", "Scheduled for". */
  lead?: string;
  className?: string;
  testId?: string;
  children: ReactNode;
}

export function Timestamp({ iso, lead, className, testId, children }: TimestampProps) {
  // Formatted on each hover (the formatter is made once): the element may have been given a newer date since.
  const giveTitle = (time: HTMLTimeElement): void => {
    if (iso) time.title = lead ? `${lead} ${fullTime(iso)}` : fullTime(iso);
  };
  return (
    <time className={className} data-testid={testId} dateTime={iso} onPointerEnter={(e) => giveTitle(e.currentTarget)} onFocus={(e) => giveTitle(e.currentTarget)}>
      {children}
    </time>
  );
}
