import type { QueuedNotification, RoutingKey } from '@herald/contracts';
import type { Channel, Notification } from './notification';

export function routingKeyFor(channel: Channel): RoutingKey {
  return channel === 'EMAIL' ? 'email' : 'push';
}

/**
 * The first delivery attempt's message for a notification (the contract of docs/architecture.md,
 * The queue message). The relay adds a fresh delivery_id to each publish of it (0006).
 */
export function buildQueueMessage(
  notification: Pick<
    Notification,
    | 'id'
    | 'requestId'
    | 'userId'
    | 'channel'
    | 'templateCode'
    | 'templateVersion'
    | 'locale'
    | 'category'
    | 'variables'
    | 'priority'
    | 'createdAt'
  >,
  correlationId: string,
): QueuedNotification {
  return {
    notification_id: notification.id,
    request_id: notification.requestId,
    user_id: notification.userId,
    channel: routingKeyFor(notification.channel),
    template_code: notification.templateCode,
    // 0 and '': the published version and the user's locale at send time (proto3 style).
    template_version: notification.templateVersion ?? 0,
    locale: notification.locale ?? '',
    variables: notification.variables,
    priority: notification.priority,
    category: notification.category,
    correlation_id: correlationId,
    attempt: 1,
    created_at: notification.createdAt.toISOString(),
  };
}
