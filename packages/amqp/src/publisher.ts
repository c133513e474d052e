import type { ConfirmChannel } from 'amqplib';
import { SpanKind, inSpan, traceCarrierOf } from '@herald/observability';
import type { PublishChannel } from './publish-channel';

export interface PublishOptions {
  readonly priority?: number;
  readonly correlationId?: string;
  readonly messageId?: string;
  readonly headers?: Record<string, unknown>;
  readonly cc?: readonly string[];
  /** Per-message TTL in milliseconds. */
  readonly expiration?: number;
}

export interface Publisher {
  /** Resolves once the broker has confirmed the message; rejects when it nacks or is unroutable. */
  publishJson(exchange: string, routingKey: string, body: unknown, options?: PublishOptions): Promise<void>;
}

/**
 * Each publish is a PRODUCER span whose trace context travels in the message headers. On a
 * PublishChannel, a failed publish renews the channel for the publishes after it.
 */
export function createPublisher(target: ConfirmChannel | PublishChannel): Publisher {
  const channels = isPublishChannel(target) ? target : { current: () => target, renew: () => undefined };
  return {
    publishJson: (exchange, routingKey, body, options = {}) =>
      inSpan(
        `publish ${exchange || routingKey}`,
        { kind: SpanKind.PRODUCER, attributes: publishAttributes(exchange, routingKey, options) },
        () =>
          new Promise((resolve, reject) => {
            const channel = channels.current();
            const fail = (error: unknown) => {
              channels.renew(channel);
              reject(error instanceof Error ? error : new Error(String(error)));
            };
            try {
              channel.publish(
                exchange,
                routingKey,
                Buffer.from(JSON.stringify(body)),
                {
                  persistent: true,
                  contentType: 'application/json',
                  priority: options.priority,
                  correlationId: options.correlationId,
                  messageId: options.messageId,
                  headers: {
                    ...options.headers,
                    ...traceCarrierOf(),
                    ...(options.correlationId ? { 'x-correlation-id': options.correlationId } : {}),
                  },
                  CC: options.cc ? [...options.cc] : undefined,
                  expiration: options.expiration,
                },
                (error) => (error ? fail(error) : resolve()),
              );
            } catch (error) {
              // A closed channel throws at once.
              fail(error);
            }
          }),
      ),
  };
}

function isPublishChannel(target: ConfirmChannel | PublishChannel): target is PublishChannel {
  return typeof (target as Partial<PublishChannel>).renew === 'function';
}

function publishAttributes(exchange: string, routingKey: string, options: PublishOptions) {
  return {
    'messaging.system': 'rabbitmq',
    'messaging.operation.type': 'send',
    'messaging.destination.name': exchange,
    'messaging.rabbitmq.destination.routing_key': routingKey,
    ...(options.messageId ? { 'messaging.message.id': options.messageId } : {}),
  };
}
