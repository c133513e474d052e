import { ConflictError, NotFoundError } from '@herald/errors';
import type { Caller } from '@herald/identity';
import type { Notification } from '../domain/notification';
import type { NotificationRepository } from '../store/notification.repository';
import { makeReplay, requireAdmin, type ReplayDeps } from './replay-failed.use-case';

export interface RetryNotificationCommand {
  readonly id: string;
  readonly caller: Caller;
  readonly correlationId: string;
}

export type RetryNotification = (command: RetryNotificationCommand) => Promise<Notification>;

/**
 * An admin's second chance for one FAILED notification: the bulk replay, of one. Terminal
 * statuses never move on their own; replay is the one deliberate exception.
 */
export function makeRetryNotification(
  deps: ReplayDeps & { readonly notifications: NotificationRepository },
): RetryNotification {
  const replay = makeReplay(deps);
  return async ({ id, caller, correlationId }) => {
    requireAdmin(caller);
    const [retried] = await replay({ ids: [id] }, 1, correlationId);
    if (retried) return retried;
    const current = await deps.notifications.findById(id);
    if (!current) throw new NotFoundError(`notification ${id} not found`, { notificationId: id });
    throw new ConflictError(
      current.status === 'FAILED'
        ? 'another request is retrying this notification'
        : `only a failed notification can be retried; it is ${current.status}`,
      { notificationId: id, status: current.status },
    );
  };
}
