import type { DataSource, FindOptionsWhere } from 'typeorm';
import { isUniqueViolation } from '@herald/database';
import type { Channel, JsonObject, Notification, NotificationEvent } from '../domain/notification';
import type { NotificationStatus } from '../domain/notification-status';
import { pageOffset, type PageRequest } from '@herald/paging';
import type { QueuedNotificationMessage, RoutingKey } from '../domain/queue-message';
import { NotificationEntity, type NotificationRow } from './notification.entity';
import { NotificationEventEntity, type NotificationEventRow } from './notification-event.entity';
import { OutboxMessageEntity } from './outbox-message.entity';

const REQUEST_KEY = 'notifications_sender_request_id_key';

export interface NewOutboxMessage {
  readonly routingKey: RoutingKey;
  readonly payload: QueuedNotificationMessage;
  readonly priority: number;
  readonly correlationId: string;
}

export interface NotificationFilter {
  readonly userId?: string;
  readonly status?: NotificationStatus;
  readonly channel?: Channel;
}

export interface StatusChange {
  readonly status: NotificationStatus;
  readonly detail: string | null;
  readonly attempts: number;
  /** When the change happened (the event's time). */
  readonly at: Date;
  /** When it was recorded. */
  readonly recordedAt: Date;
}

export interface StatusChangeResult {
  readonly applied: boolean;
  /** The status after the call. */
  readonly status: NotificationStatus;
}

export interface NotificationRepository {
  /**
   * Inserts the notification, its first events and its outbox message (if any) in one
   * transaction; 'duplicate-request' when the sender already used the request id.
   */
  insert(
    notification: Notification,
    events: readonly NotificationEvent[],
    outbox: NewOutboxMessage | undefined,
  ): Promise<'inserted' | 'duplicate-request'>;
  findById(id: string): Promise<Notification | undefined>;
  findByRequest(sender: string, requestId: string): Promise<Notification | undefined>;
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
}

export function createNotificationRepository(db: DataSource): NotificationRepository {
  const notifications = db.getRepository(NotificationEntity);
  const events = db.getRepository(NotificationEventEntity);
  const findOne = async (where: FindOptionsWhere<NotificationRow>) => {
    const row = await notifications.findOneBy(where);
    return row ? toNotification(row) : undefined;
  };

  return {
    async insert(notification, initialEvents, outbox) {
      try {
        await db.transaction(async (manager) => {
          await manager.insert(NotificationEntity, toRow(notification));
          await manager.insert(
            NotificationEventEntity,
            initialEvents.map((event) => ({ notificationId: notification.id, ...event })),
          );
          if (outbox) {
            await manager.insert(OutboxMessageEntity, {
              notificationId: notification.id,
              routingKey: outbox.routingKey,
              payload: outbox.payload,
              priority: outbox.priority,
              correlationId: outbox.correlationId,
              createdAt: notification.createdAt,
            });
          }
        });
        return 'inserted';
      } catch (error) {
        if (isUniqueViolation(error, REQUEST_KEY)) return 'duplicate-request';
        throw error;
      }
    },

    findById: (id) => findOne({ id }),

    findByRequest: (sender, requestId) => findOne({ sender, requestId }),

    async list(filter, page) {
      const [rows, total] = await notifications.findAndCount({
        where: {
          ...(filter.userId ? { userId: filter.userId } : {}),
          ...(filter.status ? { status: filter.status } : {}),
          ...(filter.channel ? { channel: filter.channel } : {}),
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
        if (!change) return { applied: false, status: current.status };
        await manager.update(
          NotificationEntity,
          { id },
          {
            status: change.status,
            statusDetail: change.detail,
            attempts: change.attempts,
            updatedAt: change.recordedAt,
          },
        );
        await manager.insert(NotificationEventEntity, {
          notificationId: id,
          status: change.status,
          detail: change.detail,
          at: change.at,
        });
        return { applied: true, status: change.status };
      }),
  };
}

function toRow(notification: Notification): NotificationRow {
  return { ...notification };
}

/** The columns hold only what toRow wrote (CHECK constraints guard the enums). */
function toNotification(row: NotificationRow): Notification {
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
