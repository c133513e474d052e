import type { DataSource, EntityManager } from 'typeorm';
import type { BoundedStatus, SweepResolution } from '../domain/status-bounds';
import type { SweepRepository } from '../use-cases/ports';
import type { NotificationRow } from './notification.entity';
import { NOTIFICATION_ROW, toNotification } from './notification-row';
import { insertClampedEvents, toStatusEvent, type EventRow } from './status-event-row';

/**
 * The overdue notifications, locked. SKIP LOCKED: replicas share them, and a notification being
 * written (a worker's report, the relay, a cancel) is left for the next pass, then re-read as that
 * write left it. A SCHEDULED notification counts from its due time; once released to the outbox
 * (due_at cleared), from its release.
 */
const CLAIM_OVERDUE = `
  SELECT ${NOTIFICATION_ROW} FROM notifications
  JOIN unnest($1::text[], $2::timestamptz[]) AS bound(bounded_status, overdue_before)
    ON notifications.status = bound.bounded_status
  WHERE CASE notifications.status
      WHEN 'SCHEDULED' THEN COALESCE(notifications.due_at,
        (SELECT max(o.created_at) FROM outbox o WHERE o.notification_id = notifications.id),
        notifications.updated_at)
      ELSE notifications.updated_at
    END < bound.overdue_before
  ORDER BY notifications.updated_at
  LIMIT $3
  FOR UPDATE OF notifications SKIP LOCKED`;

const RECORD_RESOLUTIONS = `
  UPDATE notifications AS n
  SET status = v.status, status_detail = v.detail, outcome_unknown = v.outcome_unknown, due_at = NULL,
    updated_at = v.updated_at
  FROM unnest($1::uuid[], $2::text[], $3::text[], $4::boolean[], $5::timestamptz[])
    AS v(id, status, detail, outcome_unknown, updated_at)
  WHERE n.id = v.id`;

export function createSweepRepository(db: DataSource): SweepRepository {
  return {
    resolveOverdue: (overdue, at, limit) =>
      db.transaction(async (manager) => {
        const rows = (await manager.query(CLAIM_OVERDUE, [
          overdue.map(({ status }) => status),
          overdue.map(({ before }) => before),
          limit,
        ])) as NotificationRow[];
        if (rows.length === 0) return [];
        const found = rows.map(toNotification);
        const resolutionOf = new Map(overdue.map(({ status, resolution }) => [status, resolution]));
        const resolutions = found.map((notification) =>
          resolutionOf.get(notification.status as BoundedStatus)!,
        );
        const events = await recordEvents(
          manager,
          found.map(({ id }) => id),
          resolutions,
          at,
        );
        const resolved = found.map((notification, index) => {
          const resolution = resolutions[index]!;
          const event = events.get(notification.id)!;
          const eventAt = new Date(event.at);
          return {
            before: notification,
            resolution,
            event,
            after: {
              ...notification,
              status: resolution.status,
              statusDetail: resolution.detail,
              outcomeUnknown: resolution.outcomeUnknown,
              dueAt: null,
              updatedAt: new Date(
                Math.max(notification.updatedAt.getTime(), at.getTime(), eventAt.getTime()),
              ),
            },
          };
        });
        await manager.query(RECORD_RESOLUTIONS, [
          resolved.map(({ after }) => after.id),
          resolved.map(({ after }) => after.status),
          resolved.map(({ after }) => after.statusDetail),
          resolved.map(({ after }) => after.outcomeUnknown),
          resolved.map(({ after }) => after.updatedAt),
        ]);
        await manager.query(
          `DELETE FROM outbox WHERE notification_id = ANY($1::uuid[]) AND published_at IS NULL`,
          [resolved.map(({ after }) => after.id)],
        );
        return resolved.map(({ before, resolution, event, after }) => ({
          from: before.status as BoundedStatus,
          resolution,
          correlationId: before.correlationId,
          event: toStatusEvent(event, after),
        }));
      }),
  };
}

async function recordEvents(
  manager: EntityManager,
  ids: readonly string[],
  resolutions: readonly SweepResolution[],
  at: Date,
): Promise<Map<string, EventRow>> {
  const rows = (await manager.query(insertClampedEvents(1), [
    ids,
    resolutions.map(({ status }) => status),
    resolutions.map(({ detail }) => detail),
    ids.map(() => at),
  ])) as EventRow[];
  return new Map(rows.map((row) => [row.notification_id, row]));
}
