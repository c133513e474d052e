import {
  And,
  In,
  LessThan,
  MoreThanOrEqual,
  type DataSource,
  type EntityManager,
  type FindOperator,
  type FindOptionsWhere,
} from 'typeorm';
import type {
  Channel,
  JsonObject,
  Notification,
  NotificationEvent,
  StatusEvent,
} from '../domain/notification';
import type { NotificationStatus } from '../domain/notification-status';
import { traceCarrierOf } from '@herald/observability';
import { pageOffset, type PageRequest } from '@herald/paging';
import type { QueuedNotificationMessage, RoutingKey } from '../domain/queue-message';
import { NotificationEntity, type NotificationRow } from './notification.entity';
import { NotificationEventEntity, type NotificationEventRow } from './notification-event.entity';
import { OutboxMessageEntity } from './outbox-message.entity';

export interface NewOutboxMessage {
  readonly routingKey: RoutingKey;
  readonly payload: QueuedNotificationMessage;
  readonly priority: number;
  readonly correlationId: string;
}

/** A notification to accept, with its first events and its outbox message (none when skipped or scheduled). */
export interface NewNotification {
  readonly notification: Notification;
  readonly events: readonly NotificationEvent[];
  readonly outbox: NewOutboxMessage | undefined;
}

export type InsertOutcome =
  | { readonly inserted: true; readonly events: StatusEvent[] }
  /** The sender already used the request id. */
  | { readonly inserted: false };

export interface NotificationFilter {
  readonly userId?: string;
  readonly status?: NotificationStatus;
  readonly channel?: Channel;
  /** Created at or after. */
  readonly from?: Date;
  /** Created before. */
  readonly to?: Date;
}

export interface StatusChange {
  readonly status: NotificationStatus;
  readonly detail: string | null;
  readonly attempts: number;
  /** When the change happened (the event's time). */
  readonly at: Date;
  /** When it was recorded. */
  readonly recordedAt: Date;
  /** A message to enqueue with the change (a retry). */
  readonly outbox?: NewOutboxMessage;
  /** Takes the notification off the schedule and drops any message not yet published (a cancel). */
  readonly unschedule?: boolean;
}

/** A change that only moves the status (a worker's report): no outbox message, no unscheduling. */
export type StatusOnlyChange = Omit<StatusChange, 'outbox' | 'unschedule'> & {
  /** The delivery id holding the SENDING claim after the change. */
  readonly claimedBy: string | null;
};

export interface StatusChangeResult {
  /** The status after the call. */
  readonly status: NotificationStatus;
  /** The recorded change; undefined when `decide` declined. */
  readonly event: StatusEvent | undefined;
}

export interface NotificationRepository {
  /**
   * Inserts the notifications, their first events and outbox messages in one transaction; a
   * notification whose (sender, requestId) exists already is left out, as not inserted.
   */
  insertMany(items: readonly NewNotification[]): Promise<InsertOutcome[]>;
  findById(id: string): Promise<Notification | undefined>;
  findByRequest(sender: string, requestId: string): Promise<Notification | undefined>;
  /** The sender's notifications among these request ids, by request id. */
  findByRequests(sender: string, requestIds: readonly string[]): Promise<Map<string, Notification>>;
  list(filter: NotificationFilter, page: PageRequest): Promise<{ items: Notification[]; total: number }>;
  listEvents(notificationId: string): Promise<NotificationEvent[]>;
  /**
   * Locks the notification (concurrent changes serialise), lets `decide` choose a change
   * and records it with its event; undefined when there is no such notification.
   */
  changeStatus(
    id: string,
    decide: (current: Notification) => StatusChange | undefined,
  ): Promise<StatusChangeResult | undefined>;
  /**
   * changeStatus for many entries in one transaction: locks their notifications (in id order,
   * so concurrent batches cannot deadlock), asks `decide` about each entry in turn (a later
   * entry for the same notification sees the earlier change), then writes every change with
   * one UPDATE and one INSERT of events. An entry about an unknown notification is undefined.
   */
  changeStatuses(
    ids: readonly string[],
    decide: (current: Notification, index: number) => StatusOnlyChange | undefined,
  ): Promise<(StatusChangeResult | undefined)[]>;
}

interface EventRow {
  id: string;
  notification_id: string;
  status: string;
  detail: string | null;
  at: Date;
}

export function createNotificationRepository(db: DataSource): NotificationRepository {
  const notifications = db.getRepository(NotificationEntity);
  const events = db.getRepository(NotificationEventEntity);
  const findOne = async (where: FindOptionsWhere<NotificationRow>) => {
    const row = await notifications.findOneBy(where);
    return row ? toNotification(row) : undefined;
  };

  return {
    insertMany: async (items) => {
      if (items.length === 0) return [];
      return db.transaction(async (manager) => {
        // ON CONFLICT DO NOTHING: a concurrent or repeated request does not abort the chunk.
        const inserted = await manager
          .createQueryBuilder()
          .insert()
          .into(NotificationEntity)
          .values(items.map((item) => toRow(item.notification)))
          .orIgnore()
          .returning(['id'])
          .execute();
        const insertedIds = new Set((inserted.raw as { id: string }[]).map((row) => row.id));
        const accepted = items.filter((item) => insertedIds.has(item.notification.id));
        const recorded = await insertEvents(
          manager,
          accepted.flatMap((item) =>
            item.events.map((event) => ({ ...event, notificationId: item.notification.id })),
          ),
        );
        const outbox = accepted.flatMap((item) =>
          item.outbox ? [toOutboxRow(item.notification.id, item.outbox, item.notification.createdAt)] : [],
        );
        if (outbox.length > 0) await manager.insert(OutboxMessageEntity, outbox);

        const userOf = new Map(accepted.map((item) => [item.notification.id, item.notification.userId]));
        return items.map((item): InsertOutcome => {
          if (!insertedIds.has(item.notification.id)) return { inserted: false };
          return {
            inserted: true,
            events: recorded
              .filter((row) => row.notification_id === item.notification.id)
              .map((row) => toStatusEvent(row, userOf.get(row.notification_id) ?? item.notification.userId)),
          };
        });
      });
    },

    findById: (id) => findOne({ id }),

    findByRequest: (sender, requestId) => findOne({ sender, requestId }),

    async findByRequests(sender, requestIds) {
      if (requestIds.length === 0) return new Map();
      const rows = await notifications.findBy({ sender, requestId: In([...new Set(requestIds)]) });
      return new Map(rows.map((row) => [row.requestId, toNotification(row)]));
    },

    async list(filter, page) {
      const [rows, total] = await notifications.findAndCount({
        where: {
          ...(filter.userId ? { userId: filter.userId } : {}),
          ...(filter.status ? { status: filter.status } : {}),
          ...(filter.channel ? { channel: filter.channel } : {}),
          ...createdWithin(filter.from, filter.to),
        },
        order: { createdAt: 'DESC', id: 'DESC' },
        skip: pageOffset(page),
        take: page.limit,
      });
      return { items: rows.map(toNotification), total };
    },

    async listEvents(notificationId) {
      const rows = await events.find({ where: { notificationId }, order: { id: 'ASC' } });
      return rows.map(toEvent);
    },

    changeStatus: (id, decide) =>
      db.transaction(async (manager) => {
        const row = await manager.findOne(NotificationEntity, {
          where: { id },
          lock: { mode: 'pessimistic_write' },
        });
        if (!row) return undefined;
        const current = toNotification(row);
        const change = decide(current);
        if (!change) return { status: current.status, event: undefined };
        await manager.update(
          NotificationEntity,
          { id },
          {
            status: change.status,
            statusDetail: change.detail,
            attempts: change.attempts,
            updatedAt: change.recordedAt,
            ...(change.unschedule ? { dueAt: null } : {}),
          },
        );
        if (change.unschedule) {
          await manager.query(`DELETE FROM outbox WHERE notification_id = $1 AND published_at IS NULL`, [id]);
        }
        if (change.outbox) {
          await manager.insert(OutboxMessageEntity, toOutboxRow(id, change.outbox, change.recordedAt));
        }
        const [event] = await insertEvents(manager, [
          { notificationId: id, status: change.status, detail: change.detail, at: change.at },
        ]);
        return { status: change.status, event: event && toStatusEvent(event, current.userId) };
      }),

    changeStatuses: (ids, decide) =>
      db.transaction(async (manager) => {
        const rows = await manager.find(NotificationEntity, {
          where: { id: In([...new Set(ids)]) },
          order: { id: 'ASC' },
          lock: { mode: 'pessimistic_write' },
        });
        const current = new Map(rows.map((row) => [row.id, toNotification(row)]));
        const applied: { index: number; id: string; change: StatusOnlyChange }[] = [];
        const results = ids.map((id, index): StatusChangeResult | undefined => {
          const notification = current.get(id);
          if (!notification) return undefined;
          const change = decide(notification, index);
          if (!change) return { status: notification.status, event: undefined };
          current.set(id, {
            ...notification,
            status: change.status,
            statusDetail: change.detail,
            attempts: change.attempts,
            claimedBy: change.claimedBy,
            updatedAt: change.recordedAt,
          });
          applied.push({ index, id, change });
          return { status: change.status, event: undefined };
        });
        if (applied.length === 0) return results;
        const changed = [...new Set(applied.map(({ id }) => id))].map((id) => current.get(id)!);
        await manager.query(
          `UPDATE notifications AS n
           SET status = v.status, status_detail = v.detail, attempts = v.attempts,
             claimed_by = v.claimed_by, updated_at = v.updated_at
           FROM unnest($1::uuid[], $2::text[], $3::text[], $4::int[], $5::uuid[], $6::timestamptz[])
             AS v(id, status, detail, attempts, claimed_by, updated_at)
           WHERE n.id = v.id`,
          [
            changed.map((notification) => notification.id),
            changed.map((notification) => notification.status),
            changed.map((notification) => notification.statusDetail),
            changed.map((notification) => notification.attempts),
            changed.map((notification) => notification.claimedBy),
            changed.map((notification) => notification.updatedAt),
          ],
        );
        // One INSERT … SELECT unnest numbers the rows in the order given, so the events, sorted
        // by id, line up with `applied`.
        const events = await insertEvents(
          manager,
          applied.map(({ id, change }) => ({
            notificationId: id,
            status: change.status,
            detail: change.detail,
            at: change.at,
          })),
        );
        applied.forEach(({ index, id, change }, position) => {
          const event = events[position];
          results[index] = {
            status: change.status,
            event: event && toStatusEvent(event, current.get(id)!.userId),
          };
        });
        return results;
      }),
  };
}

/** Inserts timeline rows and returns them with their ids (the published sequence). */
async function insertEvents(
  manager: EntityManager,
  rows: readonly (NotificationEvent & { notificationId: string })[],
): Promise<EventRow[]> {
  if (rows.length === 0) return [];
  const recorded = (await manager.query(
    `INSERT INTO notification_events (notification_id, status, detail, at)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::timestamptz[])
     RETURNING id, notification_id, status, detail, at`,
    [
      rows.map((row) => row.notificationId),
      rows.map((row) => row.status),
      rows.map((row) => row.detail),
      rows.map((row) => row.at),
    ],
  )) as EventRow[];
  return recorded.sort((a, b) => Number(a.id) - Number(b.id));
}

function createdWithin(from: Date | undefined, to: Date | undefined): { createdAt?: FindOperator<Date> } {
  if (from && to) return { createdAt: And(MoreThanOrEqual(from), LessThan(to)) };
  if (from) return { createdAt: MoreThanOrEqual(from) };
  if (to) return { createdAt: LessThan(to) };
  return {};
}

function toOutboxRow(notificationId: string, outbox: NewOutboxMessage, createdAt: Date) {
  return {
    notificationId,
    routingKey: outbox.routingKey,
    payload: outbox.payload,
    priority: outbox.priority,
    correlationId: outbox.correlationId,
    // Written in the accepting request's (or retry's) trace, so the relay's publish continues it.
    traceContext: traceCarrierOrNull(),
    createdAt,
  };
}

function traceCarrierOrNull(): Record<string, string> | null {
  const carrier = traceCarrierOf();
  return Object.keys(carrier).length > 0 ? carrier : null;
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

function toRow(notification: Notification): NotificationRow {
  return { ...notification };
}

/** The columns hold only what toRow wrote (CHECK constraints guard the enums). */
export function toNotification(row: NotificationRow): Notification {
  return {
    ...row,
    channel: row.channel as Channel,
    status: row.status as NotificationStatus,
    variables: row.variables as JsonObject,
    metadata: row.metadata as JsonObject | null,
  };
}

function toEvent(row: NotificationEventRow): NotificationEvent {
  return { status: row.status as NotificationStatus, detail: row.detail, at: row.at };
}
