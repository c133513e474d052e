import type { ConfirmChannel, ConsumeMessage } from 'amqplib';
import { newCorrelationId, runWithContext, type Logger } from '@herald/logging';
import { SpanKind, extractTraceContext, inSpan } from '@herald/observability';
import type { AmqpConnection } from './connect';
import { jitteredDelay } from './retry-schedule';
import { retryQueueFor } from './topology';

/** What a handler decided; the runtime, not the handler, talks to the channel. */
export type Outcome =
  | { readonly kind: 'ack' }
  | { readonly kind: 'retry'; readonly reason: string }
  | { readonly kind: 'dead-letter'; readonly reason: string }
  /** Back to the queue as it was, using no attempt: the failure was not the message's (an open breaker). */
  | { readonly kind: 'requeue'; readonly reason: string };

/** `parse` validates the raw body (throw to dead-letter it); `handle` does the work. */
export interface MessageHandler<T> {
  parse(body: unknown): T;
  attemptOf(message: T): number;
  withAttempt(message: T, attempt: number): T;
  notificationIdOf(message: T): string | undefined;
  handle(message: T, log: Logger): Promise<Outcome>;
}

export interface ConsumerHandle {
  /** Stops taking new messages (cancels the consumer); in-flight ones finish. No-op when paused. */
  pause(): Promise<void>;
  /** Takes messages again after pause(). No-op when consuming or stopped. */
  resume(): Promise<void>;
  /** Stops taking new messages and waits for in-flight ones to finish. */
  stop(): Promise<void>;
}

export interface ConsumeOptions {
  readonly queue: string;
  readonly routingKey: string;
  readonly prefetch: number;
}

export async function consumeQueue<T>(
  amqp: AmqpConnection,
  options: ConsumeOptions,
  handler: MessageHandler<T>,
  log: Logger,
  start: { readonly paused: boolean } = { paused: false },
): Promise<ConsumerHandle> {
  const channel = await amqp.createChannel();
  // A channel error with no listener would crash the process; the broker redelivers what was unacked.
  channel.on('error', (error: unknown) =>
    log.warn({ err: error, queue: options.queue }, 'consumer channel error'),
  );
  await channel.prefetch(options.prefetch);
  const inFlight = new Set<Promise<void>>();
  const process = (raw: ConsumeMessage) => processMessage(amqp, channel, options, handler, raw, log);
  const startConsuming = async () => {
    const { consumerTag } = await channel.consume(options.queue, (raw) => {
      if (!raw) return;
      const work = process(raw)
        .catch((error: unknown) =>
          // Typically the connection dropped mid-message: unacked, the broker delivers it again.
          log.warn({ err: error, queue: options.queue }, 'message left unacknowledged for redelivery'),
        )
        .finally(() => inFlight.delete(work));
      inFlight.add(work);
    });
    return consumerTag;
  };
  // undefined while paused or stopped; pause/resume/stop run one at a time.
  let consumerTag: string | undefined = start.paused ? undefined : await startConsuming();
  let stopped = false;
  // A channel that closed with its connection cannot consume again: the resilient consumer
  // starts a new one on the next connection, carrying the pause (a resume meanwhile is a no-op).
  let closed = false;
  channel.on('close', () => {
    closed = true;
    consumerTag = undefined;
  });
  let transition: Promise<void> = Promise.resolve();
  const serialise = (step: () => Promise<void>) => (transition = transition.then(step, step));
  const cancel = async () => {
    if (consumerTag === undefined) return;
    const tag = consumerTag;
    consumerTag = undefined;
    await channel.cancel(tag).catch(() => undefined);
  };
  return {
    pause: () =>
      serialise(async () => {
        await cancel();
        log.warn({ queue: options.queue }, 'consumer paused');
      }),
    resume: () =>
      serialise(async () => {
        if (stopped || closed || consumerTag !== undefined) return;
        consumerTag = await startConsuming();
        log.info({ queue: options.queue }, 'consumer resumed');
      }),
    stop: () =>
      serialise(async () => {
        stopped = true;
        await cancel();
        await Promise.allSettled([...inFlight]);
        await channel.close().catch(() => undefined);
      }),
  };
}

async function processMessage<T>(
  amqp: AmqpConnection,
  channel: ConfirmChannel,
  options: ConsumeOptions,
  handler: MessageHandler<T>,
  raw: ConsumeMessage,
  baseLog: Logger,
): Promise<void> {
  const correlationId =
    headerString(raw, 'x-correlation-id') ?? raw.properties.correlationId ?? newCorrelationId();
  let message: T;
  try {
    message = handler.parse(JSON.parse(raw.content.toString('utf8')));
  } catch (error) {
    const reason = `unparseable message: ${error instanceof Error ? error.message : String(error)}`;
    baseLog.warn({ correlation_id: correlationId, reason }, 'dead-lettering message');
    await deadLetter(amqp, channel, raw, reason, 0);
    return;
  }
  const notificationId = handler.notificationIdOf(message);
  const context = notificationId
    ? { correlation_id: correlationId, notification_id: notificationId }
    : { correlation_id: correlationId };
  const span = {
    kind: SpanKind.CONSUMER,
    attributes: {
      'messaging.system': 'rabbitmq',
      'messaging.operation.type': 'process',
      'messaging.destination.name': options.queue,
      ...(notificationId ? { 'herald.notification_id': notificationId } : {}),
    },
    // A retry republished from here is a child of this span, so the whole delivery is one trace.
    parent: extractTraceContext(raw.properties.headers),
  };
  await runWithContext(context, () =>
    inSpan(`process ${options.queue}`, span, async () => {
      const log = baseLog.child(context);
      const attempt = handler.attemptOf(message);
      let outcome: Outcome;
      try {
        outcome = await handler.handle(message, log);
      } catch (error) {
        log.error({ err: error }, 'handler failed unexpectedly; retrying');
        outcome = { kind: 'retry', reason: error instanceof Error ? error.message : String(error) };
      }
      switch (outcome.kind) {
        case 'ack':
          channel.ack(raw);
          return;
        case 'retry': {
          const step = retryQueueFor(amqp.names, attempt);
          // The step queue's TTL is the upper bound; a shorter per-message expiration spreads a burst out.
          // On the connection's publisher, whose channel a nack renews (decision 0039); acked once confirmed.
          await amqp.publisher.publishJson(
            amqp.names.retryExchange,
            step.name,
            handler.withAttempt(message, attempt + 1),
            {
              priority: raw.properties.priority as number | undefined,
              correlationId,
              messageId: raw.properties.messageId as string | undefined,
              headers: { 'x-herald-last-error': outcome.reason },
              cc: [options.routingKey],
              expiration: jitteredDelay(step.delayMs),
            },
          );
          channel.ack(raw);
          return;
        }
        case 'dead-letter':
          await deadLetter(amqp, channel, raw, outcome.reason, attempt);
          return;
        case 'requeue':
          log.info({ reason: outcome.reason }, 'requeueing message');
          channel.nack(raw, false, true);
          return;
        default: {
          const unreachable: never = outcome;
          throw new Error(`unknown outcome ${String(unreachable)}`);
        }
      }
    }),
  );
}

/** Publishes to the dead-letter exchange with the reason, then acks the original. */
async function deadLetter(
  amqp: AmqpConnection,
  channel: ConfirmChannel,
  raw: ConsumeMessage,
  reason: string,
  attempts: number,
): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    channel.publish(
      amqp.names.deadLetterExchange,
      '',
      raw.content,
      {
        ...raw.properties,
        persistent: true,
        headers: { ...raw.properties.headers, 'x-herald-error': reason, 'x-herald-attempts': attempts },
      },
      (error) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve()),
    );
  });
  channel.ack(raw);
}

function headerString(raw: ConsumeMessage, name: string): string | undefined {
  const value: unknown = raw.properties.headers?.[name];
  return typeof value === 'string' ? value : undefined;
}
