import {
  And,
  LessThan,
  MoreThanOrEqual,
  type DataSource,
  type EntityManager,
  type FindOperator,
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
import type { QueuedNotification, RoutingKey } from '@herald/contracts';
import { NotificationEntity, type NotificationRow } from './notification.entity';
import { NotificationEventEntity, type NotificationEventRow } from './notification-event.entity';
import { insertNotifications } from './notification-insert';
import { OutboxMessageEntity } from './outbox-message.entity';
import type { OutboxMessage } from './outbox.repository';
import { insertClampedEvents, toStatusEvent, type EventRow } from './status-event-row';

export interface NewOutboxMessage {
  readonly routingKey: RoutingKey;
  readonly payload: QueuedNotification;
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
  | {
      readonly inserted: true;
      readonly events: StatusEvent[];
      /** The outbox row written with it, to publish once committed; none when skipped or scheduled. */
      readonly outbox: OutboxMessage | undefined;
    }
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
  /** The outbox row the change wrote (a retry's), to publish once committed. */
  readonly outbox?: OutboxMessage;
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

export function createNotificationRepository(db: DataSource): NotificationRepository {
  const notifications = db.getRepository(NotificationEntity);
  const events = db.getRepository(NotificationEventEntity);
  const findOne = async (sql: string, parameters: unknown[]) => {
    const [row] = (await db.query(sql, parameters)) as NotificationRow[];
    return row ? toNotification(row) : undefined;
  };

  return {
    insertMany: (items) => insertNotifications(db, items),

    findById: (id) => findOne(`SELECT ${NOTIFICATION_ROW} FROM notifications WHERE id = $1`, [id]),

    findByRequest: (sender, requestId) =>
      findOne(`SELECT ${NOTIFICATION_ROW} FROM notifications WHERE sender = $1 AND request_id = $2`, [
        sender,
        requestId,
      ]),

    async findByRequests(sender, requestIds) {
      if (requestIds.length === 0) return new Map();
      const rows = (await db.query(
        `SELECT ${NOTIFICATION_ROW} FROM notifications WHERE sender = $1 AND request_id = ANY($2::text[])`,
        [sender, [...new Set(requestIds)]],
      )) as NotificationRow[];
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
        // The event first: its time, clamped to the timeline, bounds the notification's updated_at.
        const [event] = await insertEvents(manager, [
          { notificationId: id, status: change.status, detail: change.detail, at: change.at },
        ]);
        const changed: Notification = {
          ...current,
          status: change.status,
          statusDetail: change.detail,
          attempts: change.attempts,
          updatedAt: latest(current.updatedAt, change.recordedAt, event!.at),
          dueAt: change.unschedule ? null : current.dueAt,
        };
        await manager.update(
          NotificationEntity,
          { id },
          {
            status: changed.status,
            statusDetail: changed.statusDetail,
            attempts: changed.attempts,
            updatedAt: changed.updatedAt,
            ...(change.unschedule ? { dueAt: null } : {}),
          },
        );
        if (change.unschedule) {
          await manager.query(`DELETE FROM outbox WHERE notification_id = $1 AND published_at IS NULL`, [id]);
        }
        const outbox = change.outbox && toOutboxRow(id, change.outbox, change.recordedAt);
        if (outbox) {
          const { identifiers } = await manager.insert(OutboxMessageEntity, outbox);
          const outboxId = String(identifiers[0]!.id);
          return {
            status: change.status,
            event: toStatusEvent(event!, changed),
            outbox: { ...outbox, id: outboxId },
          };
        }
        return { status: change.status, event: toStatusEvent(event!, changed) };
      }),

    changeStatuses: (ids, decide) =>
      db.transaction(async (manager) => {
        const rows = (await manager.query(LOCK_NOTIFICATIONS, [[...new Set(ids)]])) as NotificationRow[];
        const current = new Map(rows.map((row) => [row.id, toNotification(row)]));
        const updatedBefore = new Map(rows.map((row) => [row.id, row.updatedAt]));
        const applied: AppliedChange[] = [];
        const results = ids.map((id, index): StatusChangeResult | undefined => {
          const notification = current.get(id);
          if (!notification) return undefined;
          const change = decide(notification, index);
          if (!change) return { status: notification.status, event: undefined };
          const after: Notification = {
            ...notification,
            status: change.status,
            statusDetail: change.detail,
            attempts: change.attempts,
            claimedBy: change.claimedBy,
            updatedAt: change.recordedAt,
          };
          current.set(id, after);
          applied.push({ index, id, change, after });
          return { status: change.status, event: undefined };
        });
        if (applied.length === 0) return results;
        const changed = [...new Set(applied.map(({ id }) => id))].map((id) => current.get(id)!);
        const events = await recordChanges(manager, changed, applied);
        applied.forEach(({ index, change, after }, position) => {
          const event = events[position];
          results[index] = {
            status: change.status,
            // updated_at as RECORD_CHANGES writes it for the notification's last change.
            event:
              event &&
              toStatusEvent(event, {
                ...after,
                updatedAt: latest(updatedBefore.get(after.id)!, change.recordedAt, event.at),
              }),
          };
        });
        return results;
      }),
  };
}

/** The columns of a notification, named as in NotificationRow. */
export const NOTIFICATION_ROW = `
  id, request_id AS "requestId", sender, user_id AS "userId", channel, template_code AS "templateCode",
  template_version AS "templateVersion", locale, category, variables, metadata, priority, status,
  status_detail AS "statusDetail", attempts, claimed_by AS "claimedBy", request_hash AS "requestHash",
  send_at AS "sendAt", due_at AS "dueAt", correlation_id AS "correlationId", created_at AS "createdAt",
  updated_at AS "updatedAt"`;

/** In id order, so concurrent batches lock in the same order and cannot deadlock. */
const LOCK_NOTIFICATIONS = `
  SELECT ${NOTIFICATION_ROW} FROM notifications WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`;

/**
 * One event per applied change, clamped to its timeline, and the changed notifications, in one
 * statement. A notification's updated_at never goes back and is at least its last event's time. The events are
 * numbered in the order given, so, sorted by id, they line up with `applied`.
 */
const RECORD_CHANGES = `
  WITH recorded AS (${insertClampedEvents(7)}),
  changed AS (
    UPDATE notifications AS n
    SET status = v.status, status_detail = v.detail, attempts = v.attempts, claimed_by = v.claimed_by,
      updated_at = GREATEST(n.updated_at, v.updated_at,
        (SELECT max(recorded.at) FROM recorded WHERE recorded.notification_id = v.id))
    FROM unnest($1::uuid[], $2::text[], $3::text[], $4::int[], $5::uuid[], $6::timestamptz[])
      AS v(id, status, detail, attempts, claimed_by, updated_at)
    WHERE n.id = v.id
  )
  SELECT * FROM recorded`;

interface AppliedChange {
  readonly index: number;
  readonly id: string;
  readonly change: StatusOnlyChange;
  /** The notification as the change leaves it (before its times are clamped). */
  readonly after: Notification;
}

async function recordChanges(
  manager: EntityManager,
  changed: readonly Notification[],
  applied: readonly AppliedChange[],
): Promise<EventRow[]> {
  const recorded = (await manager.query(RECORD_CHANGES, [
    changed.map((notification) => notification.id),
    changed.map((notification) => notification.status),
    changed.map((notification) => notification.statusDetail),
    changed.map((notification) => notification.attempts),
    changed.map((notification) => notification.claimedBy),
    changed.map((notification) => notification.updatedAt),
    applied.map(({ id }) => id),
    applied.map(({ change }) => change.status),
    applied.map(({ change }) => change.detail),
    applied.map(({ change }) => change.at),
  ])) as EventRow[];
  return recorded.sort((a, b) => Number(a.id) - Number(b.id));
}

/** Inserts timeline rows (clamped) and returns them with their ids (the published sequence). */
async function insertEvents(
  manager: EntityManager,
  rows: readonly (NotificationEvent & { notificationId: string })[],
): Promise<EventRow[]> {
  if (rows.length === 0) return [];
  const recorded = (await manager.query(insertClampedEvents(1), [
    rows.map((row) => row.notificationId),
    rows.map((row) => row.status),
    rows.map((row) => row.detail),
    rows.map((row) => row.at),
  ])) as EventRow[];
  return recorded.sort((a, b) => Number(a.id) - Number(b.id));
}

function latest(...times: Date[]): Date {
  return times.reduce((later, time) => (time.getTime() > later.getTime() ? time : later));
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

/** The columns hold only what insertNotifications wrote (CHECK constraints guard the enums). */
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
