import type { ConfirmChannel } from 'amqplib';

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

export function createPublisher(channel: ConfirmChannel): Publisher {
  return {
    publishJson: (exchange, routingKey, body, options = {}) =>
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
              ...(options.correlationId ? { 'x-correlation-id': options.correlationId } : {}),
            },
            CC: options.cc ? [...options.cc] : undefined,
            expiration: options.expiration,
          },
          (error) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve()),
        );
      }),
  };
}
