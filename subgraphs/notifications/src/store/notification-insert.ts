import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import type { NewNotification, InsertOutcome } from '../use-cases/ports';
import { outboxTraceContext } from './outbox-trace-context';
import { toStatusEvent, type EventRow } from './status-event-row';

/** The notification columns, each with its key in the JSON document and its type. */
const NOTIFICATION_COLUMNS = `
  id uuid, "requestId" text, sender text, "userId" uuid, channel text, "templateCode" text,
  "templateVersion" int, locale text, category text, variables jsonb, metadata jsonb, priority int,
  status text, "statusDetail" text, attempts int, "claimedBy" uuid, "requestHash" text,
  "sendAt" timestamptz, "dueAt" timestamptz, "correlationId" text, "createdAt" timestamptz,
  "updatedAt" timestamptz, events jsonb, outbox jsonb`;

/**
 * The notifications, their events and outbox messages in one statement, so one round trip and
 * atomic without BEGIN/COMMIT. ON CONFLICT DO NOTHING leaves out a (sender, request_id) that
 * exists already, or repeats within the call; only the rows it inserted get events and a message.
 * Events are numbered in the order given, so a notification's timeline keeps its order. Named, so
 * each pooled connection parses and plans it once: planning the CTEs cost PostgreSQL about as
 * much CPU as running them for one notification.
 */
const INSERT_NOTIFICATIONS = {
  name: 'herald-insert-notifications',
  text: `
  WITH input AS (
    SELECT * FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS (${NOTIFICATION_COLUMNS})) WITH ORDINALITY AS item
  ),
  inserted AS (
    INSERT INTO notifications (id, request_id, sender, user_id, channel, template_code, template_version,
      locale, category, variables, metadata, priority, status, status_detail, attempts, claimed_by,
      request_hash, send_at, due_at, correlation_id, created_at, updated_at)
    SELECT id, "requestId", sender, "userId", channel, "templateCode", "templateVersion", locale, category,
      variables, metadata, priority, status, "statusDetail", attempts, "claimedBy", "requestHash", "sendAt",
      "dueAt", "correlationId", "createdAt", "updatedAt"
    FROM input
    ON CONFLICT DO NOTHING
    RETURNING id
  ),
  events AS (
    INSERT INTO notification_events (notification_id, status, detail, at)
    SELECT input.id, event.status, event.detail, event.at
    FROM input JOIN inserted ON inserted.id = input.id,
      ROWS FROM (jsonb_to_recordset(input.events) AS (status text, detail text, at timestamptz))
        WITH ORDINALITY AS event
    ORDER BY input.ordinality, event.ordinality
    RETURNING id, notification_id, status, detail, at
  ),
  outbox AS (
    INSERT INTO outbox (notification_id, routing_key, payload, priority, correlation_id, trace_context, created_at)
    SELECT input.id, message."routingKey", message.payload, message.priority, message."correlationId",
      message."traceContext", message."createdAt"
    FROM input JOIN inserted ON inserted.id = input.id,
      jsonb_to_record(input.outbox) AS message("routingKey" text, payload jsonb, priority int,
        "correlationId" text, "traceContext" jsonb, "createdAt" timestamptz)
    WHERE input.outbox IS NOT NULL
  )
  SELECT inserted.id AS inserted_id, events.id, events.notification_id, events.status, events.detail, events.at
  FROM inserted LEFT JOIN events ON events.notification_id = inserted.id`,
};

/** The part of node-postgres' pool (under TypeORM) that runs a named statement. */
interface StatementPool {
  query(statement: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}

/** An inserted notification with one of its events; the event columns are null when it has none. */
interface InsertedRow extends Omit<EventRow, 'id'> {
  inserted_id: string;
  id: string | null;
}

/** See NotificationRepository.insertMany. */
export async function insertNotifications(
  db: DataSource,
  items: readonly NewNotification[],
): Promise<InsertOutcome[]> {
  if (items.length === 0) return [];
  const document = toDocument(items);
  const pool = (db.driver as PostgresDriver).master as StatementPool;
  const { rows } = (await pool.query({ ...INSERT_NOTIFICATIONS, values: [document] })) as {
    rows: InsertedRow[];
  };

  const events = new Map<string, EventRow[]>();
  for (const row of rows) {
    const recorded = events.get(row.inserted_id) ?? [];
    if (row.id !== null) recorded.push({ ...row, id: row.id });
    events.set(row.inserted_id, recorded);
  }
  return items.map(({ notification }): InsertOutcome => {
    const recorded = events.get(notification.id);
    if (!recorded) return { inserted: false };
    return {
      inserted: true,
      events: recorded
        .sort((a, b) => Number(a.id) - Number(b.id))
        .map((row) => toStatusEvent(row, notification)),
    };
  });
}

/** One JSON parameter for the whole call: a native JSON.stringify, whatever the number of rows. */
function toDocument(items: readonly NewNotification[]): string {
  const traceContext = outboxTraceContext();
  return JSON.stringify(
    items.map(({ notification, events, outbox }) => ({
      ...notification,
      events,
      outbox: outbox && { ...outbox, traceContext, createdAt: notification.createdAt },
    })),
  );
}
