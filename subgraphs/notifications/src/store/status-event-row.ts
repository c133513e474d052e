import type { Notification, StatusEvent } from '../domain/notification';
import type { NotificationStatus } from '../domain/notification-status';
import { toNotificationSnapshot } from '../domain/notification-snapshot';

/** A notification_events row as RETURNING gives it (bigserial ids come back as strings). */
export interface EventRow {
  id: string;
  notification_id: string;
  status: string;
  detail: string | null;
  at: Date;
}

/**
 * The published form of a recorded event, with its notification as the change left it: the
 * status and detail are the event's (a notification accepted and skipped in one write has an
 * ACCEPTED event showing ACCEPTED).
 */
export function toStatusEvent(row: EventRow, notification: Notification): StatusEvent {
  const status = row.status as NotificationStatus;
  return {
    notificationId: row.notification_id,
    userId: notification.userId,
    status,
    at: new Date(row.at).toISOString(),
    detail: row.detail,
    sequence: Number(row.id),
    notification: toNotificationSnapshot({ ...notification, status, statusDetail: row.detail }),
  };
}

/**
 * Events given as four parallel arrays from parameter `$first` on (notification id, status,
 * detail, reported time), each with its position in the arrays and its time clamped. Reports
 * arrive in any order and carry their sender's clock, so each event's `at` is clamped to at
 * least the previous event's of its notification, recorded before or earlier in the arrays: a
 * timeline never runs backwards. The previous event is read in the statement's snapshot, so the
 * callers make sure no event of these notifications can be recorded meanwhile (they hold the
 * notifications' locks, or compare the rows they lock with the versions they read).
 */
export function clampedEvents(first: number): string {
  const [ids, statuses, details, times] = [0, 1, 2, 3].map((offset) => `$${first + offset}`);
  return `
    SELECT reported.notification_id, reported.status, reported.detail, reported.position,
      GREATEST(
        max(reported.at) OVER (PARTITION BY reported.notification_id ORDER BY reported.position),
        previous.at
      ) AS at
    FROM unnest(${ids}::uuid[], ${statuses}::text[], ${details}::text[], ${times}::timestamptz[])
      WITH ORDINALITY AS reported(notification_id, status, detail, at, position)
    LEFT JOIN LATERAL (
      SELECT recorded.at FROM notification_events recorded
      WHERE recorded.notification_id = reported.notification_id ORDER BY recorded.id DESC LIMIT 1
    ) previous ON true`;
}

/** Inserts clampedEvents(first), numbered in the order given. */
export function insertClampedEvents(first: number): string {
  return `
    INSERT INTO notification_events (notification_id, status, detail, at)
    SELECT clamped.notification_id, clamped.status, clamped.detail, clamped.at
    FROM (${clampedEvents(first)}) clamped
    ORDER BY clamped.position
    RETURNING id, notification_id, status, detail, at`;
}

/** The latest of the times: a notification's updated_at never goes back. */
export function latest(...times: Date[]): Date {
  return times.reduce((later, time) => (time.getTime() > later.getTime() ? time : later));
}
