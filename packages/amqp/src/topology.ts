import type { ChannelModel } from 'amqplib';
import type { Logger } from '@herald/logging';
import { declareFailedQueue, FAILED_QUEUE_BOUND, type FailedQueueBound } from './failed-queue';
import { RETRY_STEPS_MS, retryQueueName, retryStepIndex } from './retry-schedule';

export { RETRY_STEPS_MS };

export type Channel = 'email' | 'push';

export interface TopologyNames {
  readonly directExchange: string;
  readonly retryExchange: string;
  readonly deadLetterExchange: string;
  readonly queues: Readonly<Record<Channel, string>>;
  readonly failedQueue: string;
  readonly failedQueueBound: FailedQueueBound;
  readonly retryQueues: readonly { readonly name: string; readonly delayMs: number }[];
}

/**
 * ARCHITECTURE.md §4 names, with AMQP_PREFIX in front of every exchange and queue. Tests pass
 * short `retryStepsMs`; each delay names its own queue, so steps of different lengths never clash.
 * Tests pass a small `failedQueueBound` under their own prefix.
 */
export function topologyNames(
  prefix: string,
  retryStepsMs: readonly number[] = RETRY_STEPS_MS,
  failedQueueBound: FailedQueueBound = FAILED_QUEUE_BOUND,
): TopologyNames {
  return {
    directExchange: `${prefix}notifications.direct`,
    retryExchange: `${prefix}notifications.retry`,
    deadLetterExchange: `${prefix}notifications.dlx`,
    queues: { email: `${prefix}email.queue`, push: `${prefix}push.queue` },
    failedQueue: `${prefix}failed.queue`,
    failedQueueBound,
    retryQueues: retryStepsMs.map((delayMs) => ({ name: `${prefix}${retryQueueName(delayMs)}`, delayMs })),
  };
}

/**
 * Declares every exchange, queue and binding. Safe to run from every process at start:
 * declarations with the same arguments are no-ops. failed.queue is declared first, on channels of
 * its own, since an older unbounded one makes RabbitMQ refuse its declaration (failed-queue.ts).
 */
export async function declareTopology(
  connection: ChannelModel,
  names: TopologyNames,
  log: Logger,
): Promise<void> {
  await declareFailedQueue(connection, names.failedQueue, names.failedQueueBound, log);
  const channel = await connection.createChannel();
  try {
    await declareRoutes(channel, names);
  } finally {
    await channel.close();
  }
}

async function declareRoutes(
  channel: Awaited<ReturnType<ChannelModel['createChannel']>>,
  names: TopologyNames,
): Promise<void> {
  await channel.assertExchange(names.directExchange, 'direct', { durable: true });
  await channel.assertExchange(names.retryExchange, 'direct', { durable: true });
  await channel.assertExchange(names.deadLetterExchange, 'fanout', { durable: true });
  await channel.bindQueue(names.failedQueue, names.deadLetterExchange, '');

  for (const [routingKey, queue] of Object.entries(names.queues)) {
    await channel.assertQueue(queue, {
      durable: true,
      maxPriority: 10,
      deadLetterExchange: names.deadLetterExchange,
    });
    await channel.bindQueue(queue, names.directExchange, routingKey);
  }

  // A message waits its delay in the step's queue, then dead-letters back to the direct
  // exchange. It is published with the step as routing key and the channel in CC, and
  // RabbitMQ dead-letters with both keys, so only the channel key matches a binding there.
  for (const step of names.retryQueues) {
    await channel.assertQueue(step.name, {
      durable: true,
      messageTtl: step.delayMs,
      deadLetterExchange: names.directExchange,
    });
    await channel.bindQueue(step.name, names.retryExchange, step.name);
  }
}

/** The retry queue a message waits in after its failed attempt (1-based). */
export function retryQueueFor(names: TopologyNames, attempt: number): { name: string; delayMs: number } {
  return names.retryQueues[retryStepIndex(attempt, names.retryQueues.length)] as {
    name: string;
    delayMs: number;
  };
}
