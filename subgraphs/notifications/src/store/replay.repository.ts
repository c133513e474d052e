import type { DataSource } from 'typeorm';
import { buildQueueMessage, routingKeyFor } from '../domain/queue-message';
import type { Notification } from '../domain/notification';
import type { ReplayRepository, Replayed } from '../use-cases/ports';
import type { NotificationRow } from './notification.entity';
import { NOTIFICATION_ROW, toNotification } from './notification-row';
import { OutboxMessageEntity } from './outbox-message.entity';
import { outboxTraceContext } from './outbox-trace-context';
import { insertClampedEvents, toStatusEvent, type EventRow } from './status-event-row';

/**
 * SKIP LOCKED: a notification another replay (or anything else) is writing is left out, and one
 * that replay committed is no longer FAILED when read again (READ COMMITTED re-checks the row), so
 * concurrent replays never take the same notification twice. A FAILED notification's updated_at
 * is the time it failed: nothing writes a terminal notification but a replay.
 */
const CLAIM_FAILED = `
  SELECT ${NOTIFICATION_ROW} FROM notifications
  WHERE status = 'FAILED'
    AND ($1::uuid[] IS NULL OR id = ANY($1::uuid[]))
    AND ($2::text IS NULL OR channel = $2)
    AND ($3::timestamptz IS NULL OR updated_at >= $3)
    AND ($4::timestamptz IS NULL OR updated_at < $4)
    AND ($5::text IS NULL OR strpos(lower(COALESCE(status_detail, '')), lower($5)) > 0)
  ORDER BY updated_at, id
  LIMIT $6
  FOR UPDATE SKIP LOCKED`;

const RECORD_REPLAYS = `
  UPDATE notifications AS n
  SET status = 'ACCEPTED', status_detail = v.detail, attempts = 0, outcome_unknown = false, updated_at = v.updated_at
  FROM unnest($1::uuid[], $2::text[], $3::timestamptz[]) AS v(id, detail, updated_at)
  WHERE n.id = v.id`;

export function createReplayRepository(db: DataSource): ReplayRepository {
  return {
    replayFailed: (selection, limit, at, correlationId) =>
      db.transaction(async (manager) => {
        const rows = (await manager.query(CLAIM_FAILED, [
          selection.ids ?? null,
          selection.channel ?? null,
          selection.failedFrom ?? null,
          selection.failedTo ?? null,
          selection.reason ?? null,
          limit,
        ])) as NotificationRow[];
        if (rows.length === 0) return [];
        const failed = rows.map(toNotification);
        const details = failed.map(({ attempts }) => `replay requested after ${attempts} attempt(s)`);
        const events = new Map(
          (
            (await manager.query(insertClampedEvents(1), [
              failed.map(({ id }) => id),
              failed.map(() => 'ACCEPTED'),
              details,
              failed.map(() => at),
            ])) as EventRow[]
          ).map((row) => [row.notification_id, row]),
        );
        const replayed = failed.map((notification, index): Replayed => {
          const event = events.get(notification.id)!;
          const eventAt = new Date(event.at).getTime();
          const after: Notification = {
            ...notification,
            status: 'ACCEPTED',
            statusDetail: details[index]!,
            attempts: 0,
            outcomeUnknown: false,
            updatedAt: new Date(Math.max(notification.updatedAt.getTime(), at.getTime(), eventAt)),
          };
          return { notification: after, event: toStatusEvent(event, after) };
        });
        await manager.query(RECORD_REPLAYS, [
          replayed.map(({ notification }) => notification.id),
          replayed.map(({ notification }) => notification.statusDetail),
          replayed.map(({ notification }) => notification.updatedAt),
        ]);
        const traceContext = outboxTraceContext();
        await manager.insert(
          OutboxMessageEntity,
          replayed.map(({ notification }) => ({
            notificationId: notification.id,
            routingKey: routingKeyFor(notification.channel),
            payload: buildQueueMessage(notification, correlationId),
            priority: notification.priority,
            correlationId,
            traceContext,
            createdAt: at,
          })),
        );
        return replayed;
      }),
  };
}
