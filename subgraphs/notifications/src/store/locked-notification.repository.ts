import type { EntityManager } from 'typeorm';
import type { Notification } from '../domain/notification';
import type { LockedNotificationRepository } from '../use-cases/ports';
import { NotificationEntity } from './notification.entity';
import { toNotification } from './notification-row';
import { lockVersioned, recordChangesIfUnchanged } from './notification-versions';
import { insertClampedEvents, latest, toStatusEvent, type EventRow } from './status-event-row';

/** Notifications on a transaction's `manager`: a notification locked here stays locked until it ends. */
export function createLockedNotificationRepository(manager: EntityManager): LockedNotificationRepository {
  return {
    async lock(id) {
      const row = await manager.findOne(NotificationEntity, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      return row ? toNotification(row) : undefined;
    },

    lockVersioned: (ids) => lockVersioned(manager, ids),

    recordChangesIfUnchanged: (batch) => recordChangesIfUnchanged(manager, batch),

    async recordChange(current, change) {
      const { id } = current;
      // The event first: its time, clamped to the timeline, bounds the notification's updated_at.
      const [event] = (await manager.query(insertClampedEvents(1), [
        [id],
        [change.status],
        [change.detail],
        [change.at],
      ])) as EventRow[];
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
      return toStatusEvent(event!, changed);
    },
  };
}
