import type { MessageHandler } from '@herald/amqp';
import { makeDeliverNotification, type DeliverNotificationDeps } from './deliver-notification';
import { parseQueuedNotification, type QueuedNotification } from '@herald/contracts';

/** Binds the delivery pipeline to the shared consumer runtime of @herald/amqp. */
export function createDeliveryHandler(deps: DeliverNotificationDeps): MessageHandler<QueuedNotification> {
  return {
    parse: (body) => {
      try {
        return parseQueuedNotification(body, deps.channel.name);
      } catch (error) {
        // The runtime dead-letters it; counted here, since no other result will be.
        deps.metrics.count('unparseable');
        throw error;
      }
    },
    attemptOf: (message) => message.attempt,
    withAttempt: (message, attempt) => ({ ...message, attempt }),
    notificationIdOf: (message) => message.notification_id,
    handle: makeDeliverNotification(deps),
  };
}
