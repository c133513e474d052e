import { z } from 'zod';
import { canRead, requireNotificationReader, type Caller } from '@herald/identity';
import type { Notification } from '../domain/notification';
import type { NotificationRepository } from '../store/notification.repository';

export type GetNotification = (id: string, caller: Caller) => Promise<Notification | undefined>;

/**
 * Undefined when there is no such notification; an id that is not a UUID names none. Another
 * user's notification reads as absent, so its existence is not revealed.
 */
export function makeGetNotification(deps: { notifications: NotificationRepository }): GetNotification {
  return async (id, caller) => {
    const { identity } = requireNotificationReader(caller);
    if (!z.uuid().safeParse(id).success) return undefined;
    const notification = await deps.notifications.findById(id);
    return notification && canRead(identity, notification) ? notification : undefined;
  };
}
