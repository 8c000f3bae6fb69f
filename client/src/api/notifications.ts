/** A person's notifications: `GET /api/notifications`, `POST /api/notifications/:id/read`. */
import type { Notification } from '../../../shared/api';
import { request } from './http';

/** The latest notifications, newest first. */
export async function listNotifications(signal?: AbortSignal): Promise<Notification[]> {
  const { notifications } = await request<{ notifications: Notification[] }>('/api/notifications', { signal });
  return notifications;
}

/** Mark one notification read. */
export function markNotificationRead(id: number): Promise<void> {
  return request<void>(`/api/notifications/${id}/read`, { method: 'POST' });
}
