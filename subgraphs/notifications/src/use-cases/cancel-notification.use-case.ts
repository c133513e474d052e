import { ConflictError, NotFoundError } from '@herald/errors';
import type { Notification } from '../domain/notification';
import { canTransition } from '../domain/notification-status';
import type { NotificationRepository } from '../store/notification.repository';
import type { Clock, StatusFeed } from './ports';

export type CancelNotification = (id: string) => Promise<Notification>;

/**
 * SCHEDULED → CANCELLED. Any outbox message the scheduler already wrote but the relay has not
 * published is dropped in the same transaction (the relay skips a notification locked here).
 */
export function makeCancelNotification(deps: {
  notifications: NotificationRepository;
  clock: Clock;
  statusFeed: StatusFeed;
}): CancelNotification {
  return async (id) => {
    let refused: Notification | undefined;
    const result = await deps.notifications.changeStatus(id, (current) => {
      if (!canTransition(current.status, 'CANCELLED')) {
        refused = current;
        return undefined;
      }
      const now = deps.clock.now();
      return {
        status: 'CANCELLED',
        detail: 'cancelled before it was due',
        attempts: current.attempts,
        at: now,
        recordedAt: now,
        unschedule: true,
      };
    });
    if (!result) throw new NotFoundError(`notification ${id} not found`, { notificationId: id });
    if (refused) {
      throw new ConflictError(`only a scheduled notification can be cancelled; it is ${refused.status}`, {
        notificationId: id,
        status: refused.status,
      });
    }
    if (result.event) await deps.statusFeed.publish([result.event]);
    const cancelled = await deps.notifications.findById(id);
    if (!cancelled) throw new NotFoundError(`notification ${id} not found`, { notificationId: id });
    return cancelled;
  };
}
