import { ConflictError, NotFoundError } from '@herald/errors';
import type { Notification } from '../domain/notification';
import { canTransition } from '../domain/notification-status';
import type { Clock, NotificationRepository, NotificationsTransactions, StatusFeed } from './ports';

export type CancelNotification = (id: string) => Promise<Notification>;

/**
 * SCHEDULED → CANCELLED, under the notification's lock. Any outbox message the scheduler already
 * wrote but the relay has not published is dropped in the same transaction (the relay skips a
 * notification locked here).
 */
export function makeCancelNotification(deps: {
  notifications: NotificationRepository;
  transactions: NotificationsTransactions;
  clock: Clock;
  statusFeed: StatusFeed;
}): CancelNotification {
  return async (id) => {
    const event = await deps.transactions.transaction(async ({ notifications }) => {
      const current = await notifications.lock(id);
      if (!current) throw notFound(id);
      if (!canTransition(current.status, 'CANCELLED')) {
        throw new ConflictError(`only a scheduled notification can be cancelled; it is ${current.status}`, {
          notificationId: id,
          status: current.status,
        });
      }
      const now = deps.clock.now();
      return notifications.recordChange(current, {
        status: 'CANCELLED',
        detail: 'cancelled before it was due',
        attempts: current.attempts,
        at: now,
        recordedAt: now,
        unschedule: true,
      });
    });
    await deps.statusFeed.publish([event]);
    const cancelled = await deps.notifications.findById(id);
    if (!cancelled) throw notFound(id);
    return cancelled;
  };
}

function notFound(id: string): NotFoundError {
  return new NotFoundError(`notification ${id} not found`, { notificationId: id });
}
