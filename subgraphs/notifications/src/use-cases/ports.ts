import type { RoutingKey, QueuedNotification } from '@herald/contracts';
import type { Transactions } from '@herald/database';
import type { PageRequest } from '@herald/paging';
import type { DeliveryProfile } from '../domain/delivery-preferences';
import type {
  Channel,
  ClaimLease,
  Notification,
  NotificationEvent,
  StatusEvent,
} from '../domain/notification';
import type { NotificationStatus } from '../domain/notification-status';
import type { BoundedStatus, SweepResolution } from '../domain/status-bounds';

/*
 * Every port the use cases use, the store's repositories included: the store, the clients and
 * the Redis adapters implement them; the use cases import nothing else but domain/.
 */

/** What sending needs to know about the recipient (from the users service). */
export interface Recipient extends DeliveryProfile {
  readonly id: string;
  readonly locale: string | null;
}

export interface UserDirectory {
  /** Undefined when there is no such user. */
  findUser(id: string): Promise<Recipient | undefined>;
  /** The users that exist among `ids`, by id (batched lookups). */
  findUsers(ids: readonly string[]): Promise<ReadonlyMap<string, Recipient>>;
}

/** The published template version a notification would be rendered from. */
export interface TemplateSummary {
  readonly code: string;
  readonly channel: Channel;
  readonly version: number | null;
  readonly locale: string | null;
  readonly variables: readonly string[];
}

export interface TemplateCatalog {
  /** Undefined when there is no such template (or nothing published for it). */
  findTemplate(code: string, locale: string | null): Promise<TemplateSummary | undefined>;
}

/**
 * The idempotency fast path in front of the (sender, request_id) unique index. Best effort: a
 * miss or an unreachable index falls through to PostgreSQL.
 */
export interface RequestIndex {
  find(
    sender: string,
    requestId: string,
  ): Promise<{ notificationId: string; requestHash: string } | undefined>;
  remember(
    sender: string,
    requestId: string,
    entry: { notificationId: string; requestHash: string },
  ): Promise<void>;
}

export interface Clock {
  now(): Date;
}

/**
 * Fans applied status changes out to watchers (the gateway's subscriptions). Best effort: the
 * events are already recorded in PostgreSQL, so a failed publish is logged, never thrown.
 */
export interface StatusFeed {
  publish(events: readonly StatusEvent[]): Promise<void>;
}

// PostgreSQL: notifications, their timelines and the outbox.

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

/** A notification as read, with its row version: every write of the row gives it a new one. */
export interface VersionedNotification {
  readonly notification: Notification;
  readonly version: string;
}

/** One entry's change, with the notification as it leaves it (before its times are clamped). */
export interface PlannedStatusChange {
  readonly change: StatusOnlyChange;
  readonly after: Notification;
}

/** Status changes to record where the notifications are still at the versions read. */
export interface StatusChangeBatch {
  /** Each notification changed, as read and as its last change leaves it. */
  readonly notifications: readonly { readonly read: VersionedNotification; readonly after: Notification }[];
  /** Every change, in the order its event is numbered; a notification may have several. */
  readonly changes: readonly PlannedStatusChange[];
}

/** Writes status changes compare-and-set, against the row versions read. */
export interface StatusChangeRecorder {
  /**
   * Records the changes with their events (clamped to their timelines) and writes the
   * notifications, in one statement, for each notification only if its row is still at the
   * version read. Each change's event, in order; undefined for every change of a notification
   * written since the read (nothing of it was recorded).
   */
  recordChangesIfUnchanged(batch: StatusChangeBatch): Promise<(StatusEvent | undefined)[]>;
}

export interface NotificationRepository extends StatusChangeRecorder {
  /**
   * Inserts the notifications, their first events and outbox messages in one transaction; a
   * notification whose (sender, requestId) exists already is left out, as not inserted.
   */
  insertMany(items: readonly NewNotification[]): Promise<InsertOutcome[]>;
  findById(id: string): Promise<Notification | undefined>;
  /** The notifications among these ids, by id. */
  findByIds(ids: readonly string[]): Promise<Map<string, Notification>>;
  /** The sender's notifications among these request ids, by request id. */
  findByRequests(sender: string, requestIds: readonly string[]): Promise<Map<string, Notification>>;
  list(filter: NotificationFilter, page: PageRequest): Promise<{ items: Notification[]; total: number }>;
  listEvents(notificationId: string): Promise<NotificationEvent[]>;
  /** The notifications among these (distinct) ids, with their row versions; nothing is locked. */
  findVersioned(ids: readonly string[]): Promise<VersionedNotification[]>;
  /**
   * Gives each SENDING notification's claim lease to its request's holder where the copy named
   * holds SENDING and the lease is free: none, the holder's own, or lapsed at `now`. Whether each
   * was given, in order.
   */
  takeClaimLeases(requests: readonly ClaimLeaseRequest[], now: Date): Promise<boolean[]>;
}

/** Notifications inside a unit of work: one read here stays locked until the transaction ends. */
export interface LockedNotificationRepository extends StatusChangeRecorder {
  /** The notification, locked against concurrent changes; undefined when there is none. */
  lock(id: string): Promise<Notification | undefined>;
  /**
   * The notifications among these (distinct) ids with their row versions, locked in id order, so
   * concurrent batches lock in the same order and cannot deadlock.
   */
  lockVersioned(ids: readonly string[]): Promise<VersionedNotification[]>;
  /**
   * Records the change of the locked `current` with its event (clamped to the timeline); an
   * unscheduling change also drops any message not yet published.
   */
  recordChange(current: Notification, change: StatusChange): Promise<StatusEvent>;
}

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

/** The outbox inside a unit of work. */
export interface OutboxRepository {
  /**
   * Up to `limit` unpublished messages, oldest first; they and their notifications stay locked
   * until the transaction ends, and rows another relay holds are skipped.
   */
  claimUnpublished(limit: number): Promise<PendingOutboxMessage[]>;
  /** Marks the messages published and moves the given notifications to QUEUED with an event. */
  recordPublished(
    messageIds: readonly string[],
    queuedNotificationIds: readonly string[],
    at: Date,
  ): Promise<StatusEvent[]>;
}

/** The repositories bound to one transaction. */
export interface NotificationsUnitOfWork {
  readonly notifications: LockedNotificationRepository;
  readonly outbox: OutboxRepository;
}

export type NotificationsTransactions = Transactions<NotificationsUnitOfWork>;

export interface ScheduleRepository {
  /**
   * Hands up to `limit` SCHEDULED notifications due by `now` to the outbox (one transaction);
   * they stay SCHEDULED until the relay records QUEUED. Returns how many were released.
   */
  releaseDue(now: Date, limit: number): Promise<number>;
}

/** A status with a time bound: a notification that entered it before `before` is resolved as `resolution` says. */
export interface OverdueBound {
  readonly status: BoundedStatus;
  readonly before: Date;
  readonly resolution: SweepResolution;
}

export interface SweptNotification {
  /** The status the notification was found in, past its bound. */
  readonly from: BoundedStatus;
  readonly resolution: SweepResolution;
  readonly correlationId: string | null;
  readonly event: StatusEvent;
}

export interface SweepRepository {
  /**
   * Resolves up to `limit` notifications that entered a bounded status (SCHEDULED: became due)
   * before its bound, in one transaction: each gets its resolution's event, clamped to its
   * timeline, and loses any message not yet published, so nothing goes out after.
   */
  resolveOverdue(overdue: readonly OverdueBound[], at: Date, limit: number): Promise<SweptNotification[]>;
}

/** Which FAILED notifications to replay; every field narrows, none means all. */
export interface ReplaySelection {
  readonly ids?: readonly string[];
  readonly channel?: Channel;
  /** Failed at or after. */
  readonly failedFrom?: Date;
  /** Failed before. */
  readonly failedTo?: Date;
  /** Found in the failure's detail, ignoring case. */
  readonly reason?: string;
}

export interface Replayed {
  readonly notification: Notification;
  readonly event: StatusEvent;
}

export interface ReplayRepository {
  /**
   * Moves up to `limit` FAILED notifications of the selection, oldest failure first, back to
   * ACCEPTED with a new attempt series and a fresh outbox message, in one transaction.
   */
  replayFailed(
    selection: ReplaySelection,
    limit: number,
    at: Date,
    correlationId: string,
  ): Promise<Replayed[]>;
}
