import { LessThanOrEqual, type DataSource } from 'typeorm';
import { buildQueueMessage, routingKeyFor } from '../domain/queue-message';
import { NotificationEntity } from './notification.entity';
import { toNotification } from './notification.repository';
import { OutboxMessageEntity } from './outbox-message.entity';
import type { OutboxMessage } from './outbox.repository';

export interface ScheduleRepository {
  /**
   * Hands up to `limit` SCHEDULED notifications due by `now` to the outbox (one transaction);
   * they stay SCHEDULED until their publish records QUEUED. Returns the outbox rows written.
   */
  releaseDue(now: Date, limit: number): Promise<OutboxMessage[]>;
}

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
        if (rows.length === 0) return [];
        const due = rows.map(toNotification);
        const messages = due.map((notification) => {
          const correlationId = notification.correlationId ?? notification.id;
          return {
            notificationId: notification.id,
            routingKey: routingKeyFor(notification.channel),
            payload: buildQueueMessage(notification, correlationId),
            priority: notification.priority,
            correlationId,
            traceContext: null,
            createdAt: now,
          };
        });
        const { identifiers } = await manager.insert(OutboxMessageEntity, messages);
        await manager.query(`UPDATE notifications SET due_at = NULL WHERE id = ANY($1::uuid[])`, [
          due.map((notification) => notification.id),
        ]);
        return messages.map(({ createdAt: _createdAt, ...message }, index) => ({
          ...message,
          id: String(identifiers[index]!.id),
        }));
      }),
  };
}
