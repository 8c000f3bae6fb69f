/** The bell in the header: how many notifications are unread, and the list of them. */
import { useEffect, useRef, useState } from 'react';
import { relativeTime } from '../ui/relativeTime';
import { Timestamp } from '../ui/Timestamp';
import { useNow } from '../ui/useNow';
import { markAllRead, openNotification, useNotifications } from './notificationStore';

/** The bell button and its dropdown. */
export function NotificationBell() {
  const { items, loaded } = useNotifications();
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const now = useNow(30_000);
  const unread = items.filter((n) => !n.readAt).length;

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  return (
    <div className="bell" ref={root}>
      <button
        type="button"
        className={`bell__button${open ? ' is-open' : ''}`}
        data-testid="notifications"
        aria-haspopup="true"
        aria-expanded={open}
        aria-label={unread ? `Notifications, ${unread} unread` : 'Notifications'}
        title="Notifications"
        onClick={() => setOpen((o) => !o)}
      >
        <svg width="19" height="19" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.9" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
          <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
          <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
        </svg>
        <span className={`bell__count${unread ? '' : ' is-zero'}`} data-testid="notification-count" data-count={unread} aria-hidden="true">
          {unread > 99 ? '99+' : unread}
        </span>
      </button>
      {open && (
        <div className="bell__panel" role="dialog" aria-label="Notifications">
          <div className="bell__head">
            <span className="bell__title">Notifications</span>
            <button type="button" className="link-button" disabled={!unread} onClick={() => void markAllRead()}>
              Mark all read
            </button>
          </div>
          {items.length === 0 ? (
            <p className="bell__empty">{loaded ? 'Nothing needs you right now.' : 'Loading…'}</p>
          ) : (
            <ul className="bell__list">
              {items.map((n) => (
                <li key={n.id}>
                  <button
                    type="button"
                    className={`bell__item${n.readAt ? '' : ' is-unread'}`}
                    data-testid="notification-item"
                    data-id={n.id}
                    data-read={n.readAt ? 'true' : 'false'}
                    onClick={() => {
                      setOpen(false);
                      openNotification(n);
                    }}
                  >
                    <span className="bell__dot" aria-hidden="true" />
                    <span className="bell__message">{n.message}</span>
                    <Timestamp className="bell__time" iso={n.createdAt}>
                      {relativeTime(n.createdAt, now)}
                    </Timestamp>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
