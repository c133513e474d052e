import type { EntityManager } from 'typeorm';
import type { QueuedNotification, RoutingKey } from '@herald/contracts';
import type { StatusEvent } from '../domain/notification';
import type { NotificationStatus } from '../domain/notification-status';
import type { OutboxRepository, PendingOutboxMessage } from '../use-cases/ports';
import type { NotificationRow } from './notification.entity';
import { NOTIFICATION_ROW, toNotification } from './notification-row';
import { insertClampedEvents, toStatusEvent } from './status-event-row';

interface ClaimedRow {
  id: string;
  notification_id: string;
  notification_status: string;
  routing_key: string;
  payload: QueuedNotification;
  priority: number;
  correlation_id: string;
  trace_context: Record<string, string> | null;
}

/**
 * SKIP LOCKED lets several relays (replicas) share the outbox without waiting on each other;
 * locking the notifications too makes a worker's first report wait until QUEUED is recorded.
 *
 * The batch is taken from the unpublished outbox rows first (their partial index, in id order)
 * and only then is each row's notification looked up by primary key. As a plain join, the
 * planner's estimate of unpublished rows (which lags behind a busy outbox) made it hash-join
 * against a sequential scan of every notification ever accepted, once per relay pass.
 */
export const CLAIM_SQL = `
  SELECT o.id, o.notification_id, n.status AS notification_status, o.routing_key, o.payload, o.priority,
    o.correlation_id, o.trace_context
  FROM (
    SELECT * FROM outbox WHERE published_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED
  ) o
  CROSS JOIN LATERAL (
    SELECT status FROM notifications WHERE id = o.notification_id FOR UPDATE SKIP LOCKED
  ) n
  ORDER BY o.id`;

/** The outbox on `manager`: inside a transaction, claimed rows stay locked until it ends. */
export function createOutboxRepository(manager: EntityManager): OutboxRepository {
  return {
    async claimUnpublished(limit) {
      const rows = (await manager.query(CLAIM_SQL, [limit])) as ClaimedRow[];
      return rows.map(toPendingMessage);
    },
    recordPublished: (messageIds, queuedNotificationIds, at) =>
      recordPublished(manager, messageIds, queuedNotificationIds, at),
  };
}

/**
 * Marks the messages published, records the QUEUED events (clamped to each timeline: a worker's
 * report may have come first) and moves the notifications to QUEUED at the event's time, in one
 * statement; the notifications are among the messages', so none when no message is.
 */
const RECORD_PUBLISHED = `
  WITH published AS (
    UPDATE outbox SET published_at = $2 WHERE id = ANY($1::bigint[])
  ),
  recorded AS (${insertClampedEvents(3)}),
  queued AS (
    UPDATE notifications AS n SET status = 'QUEUED', status_detail = NULL, updated_at = GREATEST(n.updated_at, event.queued_at)
    FROM (SELECT notification_id, at AS queued_at FROM recorded) AS event
    WHERE n.id = event.notification_id
    RETURNING ${NOTIFICATION_ROW}
  )
  SELECT recorded.id AS "eventId", recorded.at AS "eventAt", queued.*
  FROM recorded JOIN queued ON queued.id = recorded.notification_id
  ORDER BY recorded.id`;

async function recordPublished(
  manager: EntityManager,
  messageIds: readonly string[],
  queuedNotificationIds: readonly string[],
  at: Date,
): Promise<StatusEvent[]> {
  if (messageIds.length === 0) return [];
  const rows = (await manager.query(RECORD_PUBLISHED, [
    messageIds,
    at,
    queuedNotificationIds,
    queuedNotificationIds.map(() => 'QUEUED'),
    queuedNotificationIds.map(() => null),
    queuedNotificationIds.map(() => at),
  ])) as (NotificationRow & { eventId: string; eventAt: Date })[];
  return rows.map(({ eventId, eventAt, ...row }) =>
    toStatusEvent(
      { id: eventId, notification_id: row.id, status: 'QUEUED', detail: null, at: eventAt },
      toNotification(row),
    ),
  );
}

function toPendingMessage(row: ClaimedRow): PendingOutboxMessage {
  return {
    id: row.id,
    notificationId: row.notification_id,
    notificationStatus: row.notification_status as NotificationStatus,
    routingKey: row.routing_key as RoutingKey,
    payload: row.payload,
    priority: row.priority,
    correlationId: row.correlation_id,
    traceContext: row.trace_context,
  };
}
