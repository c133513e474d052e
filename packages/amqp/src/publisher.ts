import type { ConfirmChannel } from 'amqplib';
import { SpanKind, inSpan, traceCarrierOf } from '@herald/observability';

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

/** Each publish is a PRODUCER span whose trace context travels in the message headers. */
export function createPublisher(channel: ConfirmChannel): Publisher {
  return {
    publishJson: (exchange, routingKey, body, options = {}) =>
      inSpan(
        `publish ${exchange || routingKey}`,
        { kind: SpanKind.PRODUCER, attributes: publishAttributes(exchange, routingKey, options) },
        () =>
          new Promise((resolve, reject) => {
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
              (error) =>
                error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(),
            );
          }),
      ),
  };
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
