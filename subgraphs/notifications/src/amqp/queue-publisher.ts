import { createPublisher, type AmqpConnection, type BrokerLink, type Publisher } from '@herald/amqp';
import type { PendingOutboxMessage } from '../store/outbox.repository';

/**
 * A confirm that never comes (a half-dead connection) must not hold the relay's transaction
 * and row locks forever; the message is retried on a later pass, at worst sent twice.
 */
const CONFIRM_TIMEOUT_MS = 10_000;

/**
 * Publishes an outbox message to notifications.direct with its channel as routing key,
 * persistent, with its priority, on the current confirm channel; resolves on the broker's
 * confirm, rejects at once while the broker link is down.
 */
export function createQueuePublisher(link: BrokerLink): (message: PendingOutboxMessage) => Promise<void> {
  let publisherOf: { amqp: AmqpConnection; publisher: Publisher } | undefined;
  return async (message) => {
    const amqp = link.current();
    if (!amqp) throw new Error('amqp connection is down');
    if (publisherOf?.amqp !== amqp) publisherOf = { amqp, publisher: createPublisher(amqp.publishChannel) };
    await withTimeout(
      publisherOf.publisher.publishJson(amqp.names.directExchange, message.routingKey, message.payload, {
        priority: message.priority,
        correlationId: message.correlationId,
        messageId: message.notificationId,
      }),
      CONFIRM_TIMEOUT_MS,
    );
  };
}

function withTimeout(confirmed: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no broker confirm within ${ms} ms`)), ms);
  });
  return Promise.race([confirmed, timeout]).finally(() => clearTimeout(timer));
}
