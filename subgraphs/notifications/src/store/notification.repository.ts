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
  ClaimLease,
  JsonObject,
  Notification,
  NotificationEvent,
  StatusEvent,
} from '../domain/notification';
import type { NotificationStatus } from '../domain/notification-status';
import { pageOffset, type PageRequest } from '@herald/paging';
import type { QueuedNotification, RoutingKey } from '@herald/contracts';
import { NotificationEntity, type NotificationRow } from './notification.entity';
import { NotificationEventEntity, type NotificationEventRow } from './notification-event.entity';
import { insertNotifications } from './notification-insert';
import { clampedEvents, insertClampedEvents, toStatusEvent, type EventRow } from './status-event-row';

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
  /** Takes the notification off the schedule and drops any message not yet published (a cancel). */
  readonly unschedule?: boolean;
}

/** A change that only moves the status (a worker's report): no unscheduling. */
export type StatusOnlyChange = Omit<StatusChange, 'unschedule'> & {
  /** The delivery id holding the SENDING claim after the change. */
  readonly claimedBy: string | null;
  /** The lease of the last claim after the change (kept past it: a late renewal is told by it); null when none. */
  readonly lease: ClaimLease | null;
};

/** A repeated SENDING claim's lease to take (decision 0030). */
export interface ClaimLeaseRequest {
  readonly id: string;
  /** The copy of the queue message claiming: it must be the one holding SENDING. */
  readonly deliveryId: string;
  readonly lease: ClaimLease;
}

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
   * changeStatus for many entries, optimistically: reads their notifications, asks `decide` about
   * each entry in turn (a later entry for the same notification sees the earlier change), then
   * writes every change and its event in one statement, for each notification only if no one
   * wrote it since the read. The entries of a notification written meanwhile are decided again,
   * so `decide` may be asked about an entry more than once; its last answer counts. An entry
   * about an unknown notification is undefined.
   */
  changeStatuses(
    ids: readonly string[],
    decide: (current: Notification, index: number) => StatusOnlyChange | undefined,
  ): Promise<(StatusChangeResult | undefined)[]>;
  /**
   * Gives each SENDING notification's claim lease to its request's holder where the copy named
   * holds SENDING and the lease is free: none, the holder's own, or lapsed at `now`. Whether each
   * was given, in order.
   */
  takeClaimLeases(requests: readonly ClaimLeaseRequest[], now: Date): Promise<boolean[]>;
}

export interface NotificationRepositoryOptions {
  /** Compare-and-set rounds changeStatuses tries before it locks (tests set 0 to take the locked path). */
  readonly optimisticRounds: number;
}

export function createNotificationRepository(
  db: DataSource,
  { optimisticRounds }: NotificationRepositoryOptions = { optimisticRounds: OPTIMISTIC_ROUNDS },
): NotificationRepository {
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
          outcomeUnknown: false,
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
            outcomeUnknown: false,
            updatedAt: changed.updatedAt,
            ...(change.unschedule ? { dueAt: null } : {}),
          },
        );
        if (change.unschedule) {
          await manager.query(`DELETE FROM outbox WHERE notification_id = $1 AND published_at IS NULL`, [id]);
        }
        return { status: change.status, event: toStatusEvent(event!, changed) };
      }),

    changeStatuses: (ids, decide) => changeStatuses(db, optimisticRounds, ids, decide),

    async takeClaimLeases(requests, now) {
      if (requests.length === 0) return [];
      const rows = (await db.query(TAKE_CLAIM_LEASES, [
        requests.map(({ id }) => id),
        requests.map(({ deliveryId }) => deliveryId),
        requests.map(({ lease }) => lease.holder),
        requests.map(({ lease }) => lease.expiresAt),
        now,
      ])) as { id: string }[];
      const taken = new Set(rows.map(({ id }) => id));
      return requests.map(({ id }) => taken.has(id));
    },
  };
}

/** The columns of a notification, named as in NotificationRow. */
export const NOTIFICATION_ROW = `
  id, request_id AS "requestId", sender, user_id AS "userId", channel, template_code AS "templateCode",
  template_version AS "templateVersion", locale, category, variables, metadata, priority, status,
  status_detail AS "statusDetail", attempts, claimed_by AS "claimedBy",
  claim_holder AS "claimHolder", claim_expires_at AS "claimExpiresAt",
  outcome_unknown AS "outcomeUnknown", request_hash AS "requestHash",
  send_at AS "sendAt", due_at AS "dueAt", correlation_id AS "correlationId", created_at AS "createdAt",
  updated_at AS "updatedAt"`;

/** A SELECT around the UPDATE: the driver answers a bare UPDATE … RETURNING with [rows, count]. */
const TAKE_CLAIM_LEASES = `
  WITH taken AS (
    UPDATE notifications AS n SET claim_holder = v.holder, claim_expires_at = v.expires_at
    FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::timestamptz[]) AS v(id, delivery_id, holder, expires_at)
    WHERE n.id = v.id AND n.status = 'SENDING'
      AND (n.claimed_by IS NULL OR n.claimed_by = v.delivery_id)
      AND (n.claim_holder IS NULL OR n.claim_holder = v.holder OR n.claim_expires_at <= $5)
    RETURNING n.id
  )
  SELECT id FROM taken`;

/**
 * Compare-and-set rounds changeStatuses tries before it falls back to locking: a round costs two
 * round trips (read, write) where the locked one costs four (with START TRANSACTION and COMMIT),
 * and only a notification changed by a concurrent writer between the read and the write needs
 * another round.
 */
const OPTIMISTIC_ROUNDS = 3;

/**
 * The notifications with their row versions (xmin). The version tells exactly whether a row was
 * written since it was read: every write of a status (this path, changeStatus, the relay)
 * updates the row in the transaction that records its event, so a new xmin. Comparing the
 * columns instead could miss a write that leaves them as they were (the relay recording QUEUED
 * again on a QUEUED notification whose updated_at is later), and the clamp of our events would
 * then not see that write's event.
 */
const READ_NOTIFICATIONS = `
  SELECT ${NOTIFICATION_ROW}, xmin::text AS version FROM notifications WHERE id = ANY($1::uuid[])`;

/** In id order, so concurrent batches lock in the same order and cannot deadlock. */
const LOCK_NOTIFICATIONS = `${READ_NOTIFICATIONS} ORDER BY id FOR UPDATE`;

/**
 * Records the changes of the notifications still at the versions read, in one statement: locks
 * them (in id order, so concurrent batches cannot deadlock; a row another transaction holds is
 * waited for, then compared as that transaction left it), records one event per change, clamped
 * to its timeline, and writes the notifications. A notification's updated_at never goes back and
 * is at least its last event's time. The events are numbered in the order given, so, sorted by
 * id, they line up with the changes of the notifications written; a notification with no event
 * returned was changed by someone else and nothing of it was written.
 */
const RECORD_CHANGES_IF_UNCHANGED = `
  WITH clamped AS (${clampedEvents(8)}),
  unchanged AS (
    SELECT n.id FROM notifications AS n
    JOIN unnest($1::uuid[], $2::text[]) AS expected(id, version)
      ON n.id = expected.id AND n.xmin::text = expected.version
    ORDER BY n.id
    FOR UPDATE OF n
  ),
  recorded AS (
    INSERT INTO notification_events (notification_id, status, detail, at)
    SELECT clamped.notification_id, clamped.status, clamped.detail, clamped.at
    FROM clamped JOIN unchanged ON unchanged.id = clamped.notification_id
    ORDER BY clamped.position
    RETURNING id, notification_id, status, detail, at
  ),
  changed AS (
    UPDATE notifications AS n
    SET status = v.status, status_detail = v.detail, attempts = v.attempts, claimed_by = v.claimed_by,
      claim_holder = v.claim_holder, claim_expires_at = v.claim_expires_at, outcome_unknown = false, updated_at = GREATEST(n.updated_at, v.updated_at,
        (SELECT max(clamped.at) FROM clamped WHERE clamped.notification_id = v.id))
    FROM unnest($1::uuid[], $3::text[], $4::text[], $5::int[], $6::uuid[], $7::timestamptz[],
        $12::text[], $13::timestamptz[])
      AS v(id, status, detail, attempts, claimed_by, updated_at, claim_holder, claim_expires_at)
    JOIN unchanged ON unchanged.id = v.id
    WHERE n.id = v.id
  )
  SELECT * FROM recorded`;

type ChangeDecider = (current: Notification, index: number) => StatusOnlyChange | undefined;

interface AppliedChange {
  readonly index: number;
  readonly id: string;
  readonly change: StatusOnlyChange;
  /** The notification as the change leaves it (before its times are clamped). */
  readonly after: Notification;
}

/**
 * Without a transaction: reads the notifications, decides, and writes each notification's
 * changes only if it is still as read; the entries of a notification written meanwhile are read
 * and decided again. After `optimisticRounds`, the rest is decided under the notifications' locks,
 * where nobody can write them between the read and the write, so the loop ends.
 */
async function changeStatuses(
  db: DataSource,
  optimisticRounds: number,
  ids: readonly string[],
  decide: ChangeDecider,
): Promise<(StatusChangeResult | undefined)[]> {
  const results: (StatusChangeResult | undefined)[] = ids.map(() => undefined);
  let pending = ids.map((_, index) => index);
  for (let round = 1; pending.length > 0; round += 1) {
    const entries = pending;
    pending =
      round <= optimisticRounds
        ? await changeAsRead(db.manager, READ_NOTIFICATIONS, ids, entries, decide, results)
        : await db.transaction((manager) =>
            changeAsRead(manager, LOCK_NOTIFICATIONS, ids, entries, decide, results),
          );
  }
  return results;
}

/**
 * One round over the entries at `indices`: fills their results and returns the indices of the
 * entries whose notification was written by someone else since `read` (nothing of it recorded).
 */
async function changeAsRead(
  manager: EntityManager,
  read: string,
  ids: readonly string[],
  indices: readonly number[],
  decide: ChangeDecider,
  results: (StatusChangeResult | undefined)[],
): Promise<number[]> {
  const rows = (await manager.query(read, [
    [...new Set(indices.map((index) => ids[index]!))],
  ])) as (NotificationRow & {
    version: string;
  })[];
  const versions = new Map(rows.map(({ id, version }) => [id, version]));
  const updatedBefore = new Map(rows.map(({ id, updatedAt }) => [id, updatedAt]));
  const current = new Map(rows.map(({ version: _, ...row }) => [row.id, toNotification(row)]));
  const applied: AppliedChange[] = [];
  for (const index of indices) {
    const id = ids[index]!;
    const notification = current.get(id);
    if (!notification) continue;
    const change = decide(notification, index);
    results[index] = { status: change?.status ?? notification.status, event: undefined };
    if (!change) continue;
    const after: Notification = {
      ...notification,
      status: change.status,
      statusDetail: change.detail,
      attempts: change.attempts,
      claimedBy: change.claimedBy,
      claimLease: change.lease,
      outcomeUnknown: false,
      updatedAt: change.recordedAt,
    };
    current.set(id, after);
    applied.push({ index, id, change, after });
  }
  if (applied.length === 0) return [];
  const written = [...new Set(applied.map(({ id }) => id))];
  const events = await recordChanges(
    manager,
    written.map((id) => ({ version: versions.get(id)!, after: current.get(id)! })),
    applied,
  );
  const recorded = new Set(events.map((event) => event.notification_id));
  applied
    .filter(({ id }) => recorded.has(id))
    .forEach(({ index, change, after }, position) => {
      const event = events[position]!;
      results[index] = {
        status: change.status,
        // updated_at as RECORD_CHANGES_IF_UNCHANGED writes it for the notification's last change.
        event: toStatusEvent(event, {
          ...after,
          updatedAt: latest(updatedBefore.get(after.id)!, change.recordedAt, event.at),
        }),
      };
    });
  const conflicted = new Set(written.filter((id) => !recorded.has(id)));
  return indices.filter((index) => conflicted.has(ids[index]!));
}

async function recordChanges(
  manager: EntityManager,
  written: readonly { version: string; after: Notification }[],
  applied: readonly AppliedChange[],
): Promise<EventRow[]> {
  const recorded = (await manager.query(RECORD_CHANGES_IF_UNCHANGED, [
    written.map(({ after }) => after.id),
    written.map(({ version }) => version),
    written.map(({ after }) => after.status),
    written.map(({ after }) => after.statusDetail),
    written.map(({ after }) => after.attempts),
    written.map(({ after }) => after.claimedBy),
    written.map(({ after }) => after.updatedAt),
    applied.map(({ id }) => id),
    applied.map(({ change }) => change.status),
    applied.map(({ change }) => change.detail),
    applied.map(({ change }) => change.at),
    written.map(({ after }) => after.claimLease?.holder ?? null),
    written.map(({ after }) => after.claimLease?.expiresAt ?? null),
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

/** The columns hold only what insertNotifications wrote (CHECK constraints guard the enums). */
export function toNotification({ claimHolder, claimExpiresAt, ...row }: NotificationRow): Notification {
  return {
    ...row,
    claimLease: claimHolder && claimExpiresAt ? { holder: claimHolder, expiresAt: claimExpiresAt } : null,
    channel: row.channel as Channel,
    status: row.status as NotificationStatus,
    variables: row.variables as JsonObject,
    metadata: row.metadata as JsonObject | null,
  };
}

function toEvent(row: NotificationEventRow): NotificationEvent {
  return { status: row.status as NotificationStatus, detail: row.detail, at: row.at };
}
