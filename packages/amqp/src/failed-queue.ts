import type { ChannelModel, Options } from 'amqplib';
import type { Logger } from '@herald/logging';
import { onOwnChannel } from './own-channel';
import { declareQueueAs, type QueueType } from './queue-type';

/**
 * failed.queue's bound (decision 0019): dead letters older than 14 days expire, and past 100,000
 * the oldest are dropped first (drop-head) so the newest, the ones worth reading, stay. A dead
 * letter is a copy: its notification is FAILED in PostgreSQL with the reason and stays replayable
 * whatever the queue drops. Fixed in code, not configuration: every process declares the queue,
 * and two different values would make RabbitMQ refuse one of them.
 */
export const FAILED_QUEUE_BOUND: FailedQueueBound = { maxLength: 100_000, messageTtlMs: 14 * 86_400_000 };

export interface FailedQueueBound {
  readonly maxLength: number;
  readonly messageTtlMs: number;
}

/**
 * failed.queue's declaration as either type. Quorum queues support both the TTL and drop-head
 * (not reject-publish-dlx), so the bound is the same; failed.queue dead-letters nowhere.
 */
const failedQueueDeclaration =
  (bound: FailedQueueBound) =>
  (type: QueueType): Options.AssertQueue => ({
    durable: true,
    maxLength: bound.maxLength,
    messageTtl: bound.messageTtlMs,
    arguments: { 'x-overflow': 'drop-head', ...(type === 'quorum' ? { 'x-queue-type': 'quorum' } : {}) },
  });

/**
 * Declares failed.queue with its bound, as `type`; one of the other type stops the start-up
 * (queue-type.ts). A queue declared by an earlier version without the bound makes RabbitMQ refuse
 * the declaration (PRECONDITION_FAILED, and the channel closes), and arguments cannot be changed
 * in place: an empty one is deleted and declared again with the bound; one that holds dead
 * letters is kept as it is, unbounded, with a warning saying how to finish, so no dead letter is
 * dropped without an operator's say.
 */
export async function declareFailedQueue(
  connection: ChannelModel,
  name: string,
  bound: FailedQueueBound,
  log: Logger,
  type: QueueType = 'classic',
): Promise<void> {
  const declaration = failedQueueDeclaration(bound);
  if (await declareQueueAs(connection, name, declaration, type)) return;
  const migrated = await onOwnChannel(connection, async (channel) => {
    // ifEmpty: a dead letter arriving meanwhile makes RabbitMQ refuse the delete.
    await channel.deleteQueue(name, { ifEmpty: true });
    await channel.assertQueue(name, declaration(type));
  });
  if (migrated !== false) {
    log.info({ queue: name }, 'failed queue declared again with its bound (it was empty)');
    return;
  }
  const held = await onOwnChannel(connection, (channel) => channel.checkQueue(name));
  log.warn(
    { queue: name, messages: held === false ? undefined : held.messageCount },
    'failed queue was declared without its bound and holds dead letters: it stays unbounded until it is ' +
      'emptied (read them, then purge it; their notifications stay FAILED and replayable), and the next ' +
      'start declares it bounded',
  );
}
