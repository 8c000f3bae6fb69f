/** A small toast in the corner when a notification arrives live; it goes by itself after a while. */
import { useEffect } from 'react';
import type { Notification } from '../../../shared/api';
import { dismissToast, openNotification, useNotifications } from './notificationStore';

const showMs = 8_000;

function Toast({ notification }: { notification: Notification }) {
  useEffect(() => {
    const timer = setTimeout(() => dismissToast(notification.id), showMs);
    return () => clearTimeout(timer);
  }, [notification.id]);
  return (
    <div className="toast" role="status" data-testid="toast">
      <span className="toast__mark" aria-hidden="true" />
      <p className="toast__message">{notification.message}</p>
      <div className="toast__actions">
        {notification.articleId && (
          <button type="button" className="link-button" onClick={() => openNotification(notification)}>
            Open
          </button>
        )}
        <button type="button" className="toast__close" aria-label="Dismiss" onClick={() => dismissToast(notification.id)}>
          ×
        </button>
      </div>
    </div>
  );
}

/** The toasts of the tab, bottom right. */
export function Toasts() {
  const { toasts } = useNotifications();
  return (
    <div className="toasts" aria-live="polite">
      {toasts.map((n) => (
        <Toast key={n.id} notification={n} />
      ))}
    </div>
  );
}
