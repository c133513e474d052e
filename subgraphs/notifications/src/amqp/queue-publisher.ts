import { randomUUID } from 'node:crypto';
import type { BrokerLink } from '@herald/amqp';
import type { QueuedNotification } from '@herald/contracts';
import { continueTrace } from '@herald/observability';
import type { PendingOutboxMessage } from '../use-cases/ports';

/**
 * A confirm that never comes (a half-dead connection) must not hold the relay's transaction
 * and row locks forever; the message is retried on a later pass, at worst sent twice.
 */
const CONFIRM_TIMEOUT_MS = 10_000;

/**
 * Publishes an outbox message to notifications.direct with its channel as routing key,
 * persistent, with its priority, on the current confirm channel; resolves on the broker's
 * confirm (and tells `onConfirmed`), rejects at once while the broker link is down. Each
 * publish is a new copy of the message with its own delivery id, so workers can tell a second
 * copy of a row (published again by a relay that died before its commit) from a redelivery.
 */
export function createQueuePublisher(
  link: BrokerLink,
  onConfirmed: (message: PendingOutboxMessage) => void,
): (message: PendingOutboxMessage) => Promise<void> {
  return async (message) => {
    const amqp = link.current();
    if (!amqp) throw new Error('amqp connection is down');
    const body: QueuedNotification = { ...message.payload, delivery_id: randomUUID() };
    // The publish span continues the accepting request's trace, stored with the row.
    await continueTrace(message.traceContext, () =>
      withTimeout(
        amqp.publisher.publishJson(amqp.names.directExchange, message.routingKey, body, {
          priority: message.priority,
          correlationId: message.correlationId,
          messageId: message.notificationId,
        }),
        CONFIRM_TIMEOUT_MS,
      ),
    );
    onConfirmed(message);
  };
}

function withTimeout(confirmed: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no broker confirm within ${ms} ms`)), ms);
  });
  return Promise.race([confirmed, timeout]).finally(() => clearTimeout(timer));
}
