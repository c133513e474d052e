import type { StatusEvent } from '../domain/notification';
import type { NotificationStatus } from '../domain/notification-status';

/** A notification_events row as RETURNING gives it (bigserial ids come back as strings). */
export interface EventRow {
  id: string;
  notification_id: string;
  status: string;
  detail: string | null;
  at: Date;
}

export function toStatusEvent(row: EventRow, userId: string): StatusEvent {
  return {
    notificationId: row.notification_id,
    userId,
    status: row.status as NotificationStatus,
    at: new Date(row.at).toISOString(),
    detail: row.detail,
    sequence: Number(row.id),
  };
}
