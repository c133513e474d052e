import type { NotificationSnapshot } from '@herald/contracts';
import type { Notification } from './notification';

/** What a status event carries of its notification (the contract's snapshot, decision 0005). */
export function toNotificationSnapshot(notification: Notification): NotificationSnapshot {
  return {
    id: notification.id,
    requestId: notification.requestId,
    userId: notification.userId,
    channel: notification.channel,
    templateCode: notification.templateCode,
    templateVersion: notification.templateVersion,
    locale: notification.locale,
    category: notification.category,
    priority: notification.priority,
    status: notification.status,
    statusDetail: notification.statusDetail,
    attempts: notification.attempts,
    sendAt: notification.sendAt?.toISOString() ?? null,
    scheduledFor: notification.dueAt?.toISOString() ?? null,
    createdAt: notification.createdAt.toISOString(),
    updatedAt: notification.updatedAt.toISOString(),
  };
}
