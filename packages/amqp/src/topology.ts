import type { ChannelModel } from 'amqplib';
import type { Logger } from '@herald/logging';
import { declareFailedQueue, FAILED_QUEUE_BOUND, type FailedQueueBound } from './failed-queue';
import type { AmqpChannel } from './own-channel';
import { declareQueueAs, QUORUM_DEAD_LETTERING, type QueueDeclaration, type QueueType } from './queue-type';
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
 * The names of docs/architecture.md, Queues, with AMQP_PREFIX in front of every exchange and
 * queue. Tests pass short `retryStepsMs`; each delay names its own queue, so steps of different
 * lengths never clash.
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
 * Declares every exchange, queue and binding, the queues as `queueType` (AMQP_QUEUE_TYPE). Safe
 * to run from every process at start: declarations with the same arguments are no-ops. Each queue
 * is declared on a channel of its own, since a refused declaration closes its channel: failed.queue
 * first (an older unbounded one is migrated, failed-queue.ts), and a queue of the other type stops
 * the start-up with a QueueTypeMismatchError.
 */
export async function declareTopology(
  connection: ChannelModel,
  names: TopologyNames,
  log: Logger,
  queueType: QueueType = 'classic',
): Promise<void> {
  await declareFailedQueue(connection, names.failedQueue, names.failedQueueBound, log, queueType);
  const declareQueue = async (name: string, declaration: QueueDeclaration) => {
    if (!(await declareQueueAs(connection, name, declaration, queueType))) {
      // Refused for another argument: declared again on a channel of its own for RabbitMQ's own reason.
      const channel = await connection.createChannel();
      channel.on('error', () => undefined);
      await channel.assertQueue(name, declaration(queueType));
      await channel.close();
    }
  };
  for (const queue of Object.values(names.queues)) await declareQueue(queue, workQueueDeclaration(names));
  for (const step of names.retryQueues)
    await declareQueue(step.name, retryQueueDeclaration(names, step.delayMs));
  const channel = await connection.createChannel();
  try {
    await declareRoutes(channel, names);
  } finally {
    await channel.close();
  }
}

/**
 * A work queue dead-letters to notifications.dlx. Classic: priorities 0-10. Quorum queues refuse
 * x-max-priority on RabbitMQ 3.x and deliver in order (decision 0025).
 */
const workQueueDeclaration =
  (names: TopologyNames): QueueDeclaration =>
  (type) =>
    type === 'quorum'
      ? { durable: true, deadLetterExchange: names.deadLetterExchange, arguments: QUORUM_DEAD_LETTERING }
      : { durable: true, maxPriority: 10, deadLetterExchange: names.deadLetterExchange };

/**
 * A message waits its delay in the step's queue, then dead-letters back to the direct exchange
 * (at-least-once on a quorum queue, so an expiring message is never dropped on its way back).
 */
const retryQueueDeclaration =
  (names: TopologyNames, delayMs: number): QueueDeclaration =>
  (type) => ({
    durable: true,
    messageTtl: delayMs,
    deadLetterExchange: names.directExchange,
    ...(type === 'quorum' ? { arguments: QUORUM_DEAD_LETTERING } : {}),
  });

async function declareRoutes(channel: AmqpChannel, names: TopologyNames): Promise<void> {
  await channel.assertExchange(names.directExchange, 'direct', { durable: true });
  await channel.assertExchange(names.retryExchange, 'direct', { durable: true });
  await channel.assertExchange(names.deadLetterExchange, 'fanout', { durable: true });
  await channel.bindQueue(names.failedQueue, names.deadLetterExchange, '');
  for (const [routingKey, queue] of Object.entries(names.queues)) {
    await channel.bindQueue(queue, names.directExchange, routingKey);
  }
  // A retry is published with the step as routing key and the channel in CC, and RabbitMQ
  // dead-letters with both keys, so only the channel key matches a binding on the direct exchange.
  for (const step of names.retryQueues) {
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
