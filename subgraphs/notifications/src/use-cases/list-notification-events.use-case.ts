import type { NotificationEvent } from '../domain/notification';
import type { NotificationRepository } from './ports';

export type ListNotificationEvents = (notificationId: string) => Promise<NotificationEvent[]>;

/** The notification's timeline, oldest first. */
export function makeListNotificationEvents(deps: {
  notifications: NotificationRepository;
}): ListNotificationEvents {
  return (notificationId) => deps.notifications.listEvents(notificationId);
}
