import { z } from 'zod';
import type { Notification } from '../domain/notification';
import type { NotificationRepository } from '../store/notification.repository';

export type GetNotification = (id: string) => Promise<Notification | undefined>;

/** Undefined when there is no such notification; an id that is not a UUID names none. */
export function makeGetNotification(deps: { notifications: NotificationRepository }): GetNotification {
  return async (id) => (z.uuid().safeParse(id).success ? deps.notifications.findById(id) : undefined);
}
