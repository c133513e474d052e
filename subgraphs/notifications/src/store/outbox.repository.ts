import type { DataSource, EntityManager } from 'typeorm';
import type { StatusEvent } from '../domain/notification';
import type { NotificationStatus } from '../domain/notification-status';
import type { QueuedNotification, RoutingKey } from '@herald/contracts';
import { toStatusEvent, type EventRow } from './status-event-row';

/** An unpublished outbox row, with the current status of its notification. */
export interface PendingOutboxMessage {
  readonly id: string;
  readonly notificationId: string;
  readonly notificationStatus: NotificationStatus;
  readonly routingKey: RoutingKey;
  readonly payload: QueuedNotification;
  readonly priority: number;
  readonly correlationId: string;
  /** The trace the row was written in (W3C headers), to continue when publishing. */
  readonly traceContext: Readonly<Record<string, string>> | null;
}

/** Rows claimed by one relay pass; they (and their notifications) stay locked until `work` returns. */
export interface ClaimedOutboxBatch {
  readonly messages: readonly PendingOutboxMessage[];
  /** Marks the messages published and moves the given notifications to QUEUED with an event. */
  recordPublished(
    messageIds: readonly string[],
    queuedNotificationIds: readonly string[],
    at: Date,
  ): Promise<StatusEvent[]>;
}

export interface OutboxRepository {
  withUnpublishedBatch<T>(limit: number, work: (batch: ClaimedOutboxBatch) => Promise<T>): Promise<T>;
}

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

export function createOutboxRepository(db: DataSource): OutboxRepository {
  return {
    withUnpublishedBatch: (limit, work) =>
      db.transaction(async (manager) => {
        const rows = (await manager.query(CLAIM_SQL, [limit])) as ClaimedRow[];
        const userOf = new Map(rows.map((row) => [row.notification_id, row.payload.user_id]));
        return work({
          messages: rows.map(toPendingMessage),
          recordPublished: async (messageIds, queuedNotificationIds, at) => {
            const events = await recordPublished(manager, messageIds, queuedNotificationIds, at);
            return events.map((event) => toStatusEvent(event, userOf.get(event.notification_id) ?? ''));
          },
        });
      }),
  };
}

/**
 * Marks the messages published, moves the notifications to QUEUED and records their events in
 * one statement; the notifications are among the messages', so none when no message is.
 */
const RECORD_PUBLISHED = `
  WITH published AS (
    UPDATE outbox SET published_at = $3 WHERE id = ANY($1::bigint[])
  ),
  queued AS (
    UPDATE notifications SET status = 'QUEUED', status_detail = NULL, updated_at = $3 WHERE id = ANY($2::uuid[])
  )
  INSERT INTO notification_events (notification_id, status, at) SELECT unnest($2::uuid[]), 'QUEUED', $3
  RETURNING id, notification_id, status, detail, at`;

async function recordPublished(
  manager: EntityManager,
  messageIds: readonly string[],
  queuedNotificationIds: readonly string[],
  at: Date,
): Promise<EventRow[]> {
  if (messageIds.length === 0) return [];
  return (await manager.query(RECORD_PUBLISHED, [messageIds, queuedNotificationIds, at])) as EventRow[];
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
