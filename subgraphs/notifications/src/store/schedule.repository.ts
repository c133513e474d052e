import { LessThanOrEqual, type DataSource } from 'typeorm';
import { buildQueueMessage, routingKeyFor } from '../domain/queue-message';
import { NotificationEntity } from './notification.entity';
import { toNotification } from './notification-row';
import type { ScheduleRepository } from '../use-cases/ports';
import { OutboxMessageEntity } from './outbox-message.entity';

export function createScheduleRepository(db: DataSource): ScheduleRepository {
  return {
    releaseDue: (now, limit) =>
      db.transaction(async (manager) => {
        // SKIP LOCKED: replicas share the due rows, and a row being cancelled is left alone.
        const rows = await manager.find(NotificationEntity, {
          where: { status: 'SCHEDULED', dueAt: LessThanOrEqual(now) },
          order: { dueAt: 'ASC' },
          take: limit,
          lock: { mode: 'pessimistic_write', onLocked: 'skip_locked' },
        });
        if (rows.length === 0) return 0;
        const due = rows.map(toNotification);
        await manager.insert(
          OutboxMessageEntity,
          due.map((notification) => {
            const correlationId = notification.correlationId ?? notification.id;
            return {
              notificationId: notification.id,
              routingKey: routingKeyFor(notification.channel),
              payload: buildQueueMessage(notification, correlationId),
              priority: notification.priority,
              correlationId,
              createdAt: now,
            };
          }),
        );
        await manager.query(`UPDATE notifications SET due_at = NULL WHERE id = ANY($1::uuid[])`, [
          due.map((notification) => notification.id),
        ]);
        return due.length;
      }),
  };
}
