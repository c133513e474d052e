import type { DataSource, EntityManager } from 'typeorm';
import type { StatusEvent } from '../domain/notification';
import type { QueuedNotification, RoutingKey } from '@herald/contracts';
import type { NotificationRow } from './notification.entity';
import { NOTIFICATION_ROW, toNotification } from './notification.repository';
import { NOTIFICATION_STATUSES, canTransition, type NotificationStatus } from '../domain/notification-status';
import { insertClampedEvents, insertClampedEventsFrom, toStatusEvent } from './status-event-row';

/** The statuses a notification may go to QUEUED from, as SQL literals. */
const QUEUEABLE = NOTIFICATION_STATUSES.filter((status) => canTransition(status, 'QUEUED'))
  .map((status) => `'${status}'`)
  .join(', ');

/** A committed outbox row, as its writer knows it. */
export interface OutboxMessage {
  readonly id: string;
  readonly notificationId: string;
  readonly routingKey: RoutingKey;
  readonly payload: QueuedNotification;
  readonly priority: number;
  readonly correlationId: string;
  /** The trace the row was written in (W3C headers), to continue when publishing. */
  readonly traceContext: Readonly<Record<string, string>> | null;
}

/** An unpublished outbox row, with the current status of its notification. */
export interface PendingOutboxMessage extends OutboxMessage {
  readonly notificationStatus: NotificationStatus;
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
  /** Claims up to `limit` unpublished rows written at or before `writtenBy` (older ones first). */
  withUnpublishedBatch<T>(
    limit: number,
    writtenBy: Date,
    work: (batch: ClaimedOutboxBatch) => Promise<T>,
  ): Promise<T>;
  /**
   * Records rows their writer published itself, without a claim: marks those still unpublished
   * published, and moves their notifications to QUEUED (with the event) only where they may still
   * go there, so a worker's SENDING that came first stands. One statement.
   */
  recordPublishedDirectly(messages: readonly OutboxMessage[], at: Date): Promise<StatusEvent[]>;
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
 * and only then is each row's notification looked up by primary key. Rows younger than `$2` are
 * left to the writer publishing them itself (see recordPublishedDirectly). As a plain join, the
 * planner's estimate of unpublished rows (which lags behind a busy outbox) made it hash-join
 * against a sequential scan of every notification ever accepted, once per relay pass.
 */
export const CLAIM_SQL = `
  SELECT o.id, o.notification_id, n.status AS notification_status, o.routing_key, o.payload, o.priority,
    o.correlation_id, o.trace_context
  FROM (
    SELECT * FROM outbox WHERE published_at IS NULL AND created_at <= $2 ORDER BY id LIMIT $1
    FOR UPDATE SKIP LOCKED
  ) o
  CROSS JOIN LATERAL (
    SELECT status FROM notifications WHERE id = o.notification_id FOR UPDATE SKIP LOCKED
  ) n
  ORDER BY o.id`;

export function createOutboxRepository(db: DataSource): OutboxRepository {
  return {
    withUnpublishedBatch: (limit, writtenBy, work) =>
      db.transaction(async (manager) => {
        const rows = (await manager.query(CLAIM_SQL, [limit, writtenBy])) as ClaimedRow[];
        return work({
          messages: rows.map(toPendingMessage),
          recordPublished: (messageIds, queuedNotificationIds, at) =>
            recordPublished(manager, messageIds, queuedNotificationIds, at),
        });
      }),

    async recordPublishedDirectly(messages, at) {
      if (messages.length === 0) return [];
      const rows = (await db.query(RECORD_PUBLISHED_DIRECTLY, [
        messages.map((message) => message.id),
        at,
        [...new Set(messages.map((message) => message.notificationId))],
      ])) as RecordedRow[];
      return rows.map(toQueuedEvent);
    },
  };
}

/**
 * RECORD_PUBLISHED without a claim. The notifications are locked first (the join makes each
 * outbox row wait for its notification's lock, the order a cancel takes them in), and their
 * status is read as locked: a change committed meanwhile (a worker's SENDING) is seen. A row the
 * relay published meanwhile is left as it is, with no second QUEUED.
 */
const RECORD_PUBLISHED_DIRECTLY = `
  WITH locked AS (
    SELECT id, status FROM notifications WHERE id = ANY($3::uuid[]) ORDER BY id FOR UPDATE
  ),
  published AS (
    UPDATE outbox AS o SET published_at = $2 FROM locked
    WHERE o.id = ANY($1::bigint[]) AND o.published_at IS NULL AND o.notification_id = locked.id
    RETURNING o.notification_id, locked.status
  ),
  recorded AS (${insertClampedEventsFrom(`(
    SELECT notification_id, 'QUEUED' AS status, NULL::text AS detail, $2::timestamptz AS at,
      row_number() OVER (ORDER BY notification_id) AS position
    FROM (SELECT DISTINCT notification_id FROM published WHERE status IN (${QUEUEABLE})) AS queueable
  ) AS reported`)}),
  queued AS (
    UPDATE notifications AS n SET status = 'QUEUED', status_detail = NULL, updated_at = GREATEST(n.updated_at, event.queued_at)
    FROM (SELECT notification_id, at AS queued_at FROM recorded) AS event
    WHERE n.id = event.notification_id
    RETURNING ${NOTIFICATION_ROW}
  )
  SELECT recorded.id AS "eventId", recorded.at AS "eventAt", queued.*
  FROM recorded JOIN queued ON queued.id = recorded.notification_id
  ORDER BY recorded.id`;

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
  ])) as RecordedRow[];
  return rows.map(toQueuedEvent);
}

type RecordedRow = NotificationRow & { eventId: string; eventAt: Date };

function toQueuedEvent({ eventId, eventAt, ...row }: RecordedRow): StatusEvent {
  return toStatusEvent(
    { id: eventId, notification_id: row.id, status: 'QUEUED', detail: null, at: eventAt },
    toNotification(row),
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
