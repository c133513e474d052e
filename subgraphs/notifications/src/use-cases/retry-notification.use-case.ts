import { ConflictError, NotFoundError } from '@herald/errors';
import type { Notification } from '../domain/notification';
import { buildQueueMessage, routingKeyFor } from '../domain/queue-message';
import type { NotificationRepository } from '../store/notification.repository';
import type { Clock, StatusFeed } from './ports';

export interface RetryNotificationCommand {
  readonly id: string;
  readonly correlationId: string;
}

export type RetryNotification = (command: RetryNotificationCommand) => Promise<Notification>;

/**
 * An admin's second chance for a FAILED notification: back to ACCEPTED with the attempt count
 * reset (a new series, so the worker starts again at attempt 1) and a fresh outbox message.
 * Terminal statuses never move on their own; this is the one deliberate exception.
 */
export function makeRetryNotification(deps: {
  notifications: NotificationRepository;
  clock: Clock;
  statusFeed: StatusFeed;
  onQueued: () => void;
}): RetryNotification {
  return async ({ id, correlationId }) => {
    let refused: Notification | undefined;
    const result = await deps.notifications.changeStatus(id, (current) => {
      if (current.status !== 'FAILED') {
        refused = current;
        return undefined;
      }
      const now = deps.clock.now();
      return {
        status: 'ACCEPTED',
        detail: `retry requested after ${current.attempts} attempt(s)`,
        attempts: 0,
        at: now,
        recordedAt: now,
        outbox: {
          routingKey: routingKeyFor(current.channel),
          payload: buildQueueMessage(current, correlationId),
          priority: current.priority,
          correlationId,
        },
      };
    });
    if (!result) throw new NotFoundError(`notification ${id} not found`, { notificationId: id });
    if (refused) {
      throw new ConflictError(`only a failed notification can be retried; it is ${refused.status}`, {
        notificationId: id,
        status: refused.status,
      });
    }
    deps.onQueued();
    if (result.event) await deps.statusFeed.publish([result.event]);
    const retried = await deps.notifications.findById(id);
    if (!retried) throw new NotFoundError(`notification ${id} not found`, { notificationId: id });
    return retried;
  };
}
