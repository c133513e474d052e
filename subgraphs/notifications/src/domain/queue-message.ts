import type { Channel, Notification } from './notification';

export type RoutingKey = 'email' | 'push';

/** The queue message of ARCHITECTURE.md §4, exactly (snake_case JSON). */
export interface QueuedNotificationMessage {
  readonly notification_id: string;
  readonly request_id: string;
  readonly user_id: string;
  readonly channel: RoutingKey;
  readonly template_code: string;
  /** 0: the template's published version at send time (proto3 style, as workers read it). */
  readonly template_version: number;
  /** '': the user's locale at send time. */
  readonly locale: string;
  readonly variables: Record<string, unknown>;
  readonly priority: number;
  readonly correlation_id: string;
  readonly attempt: number;
  readonly created_at: string;
}

/**
 * The message as the relay publishes it: every publish of an outbox row carries a fresh delivery
 * id, kept by the workers through retries and sent with their SENDING claim (0006).
 */
export interface PublishedNotificationMessage extends QueuedNotificationMessage {
  readonly delivery_id: string;
}

export function routingKeyFor(channel: Channel): RoutingKey {
  return channel === 'EMAIL' ? 'email' : 'push';
}

/** The first delivery attempt's message for an accepted notification. */
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
    | 'variables'
    | 'priority'
    | 'createdAt'
  >,
  correlationId: string,
): QueuedNotificationMessage {
  return {
    notification_id: notification.id,
    request_id: notification.requestId,
    user_id: notification.userId,
    channel: routingKeyFor(notification.channel),
    template_code: notification.templateCode,
    template_version: notification.templateVersion ?? 0,
    locale: notification.locale ?? '',
    variables: notification.variables,
    priority: notification.priority,
    correlation_id: correlationId,
    attempt: 1,
    created_at: notification.createdAt.toISOString(),
  };
}
