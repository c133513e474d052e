import type { ChannelModel } from 'amqplib';
import type { Logger } from '@herald/logging';

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

/** RabbitMQ's answer to a declaration whose arguments differ from the existing queue's. */
const PRECONDITION_FAILED = 406;

/**
 * Declares failed.queue with its bound. A queue declared by an earlier version without it makes
 * RabbitMQ refuse the declaration (PRECONDITION_FAILED, and the channel closes), and arguments
 * cannot be changed in place: an empty one is deleted and declared again with the bound; one that
 * holds dead letters is kept as it is, unbounded, with a warning saying how to finish, so no dead
 * letter is dropped without an operator's say.
 */
export async function declareFailedQueue(
  connection: ChannelModel,
  name: string,
  bound: FailedQueueBound,
  log: Logger,
): Promise<void> {
  const options = {
    durable: true,
    maxLength: bound.maxLength,
    messageTtl: bound.messageTtlMs,
    arguments: { 'x-overflow': 'drop-head' },
  };
  if ((await onOwnChannel(connection, (channel) => channel.assertQueue(name, options))) !== false) return;
  const migrated = await onOwnChannel(connection, async (channel) => {
    // ifEmpty: a dead letter arriving meanwhile makes RabbitMQ refuse the delete.
    await channel.deleteQueue(name, { ifEmpty: true });
    await channel.assertQueue(name, options);
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

/**
 * Runs `work` on a channel of its own, so a refused declaration closes only that channel; false
 * when RabbitMQ refused it with PRECONDITION_FAILED, other errors thrown.
 */
async function onOwnChannel<T>(
  connection: ChannelModel,
  work: (channel: Awaited<ReturnType<ChannelModel['createChannel']>>) => Promise<T>,
): Promise<T | false> {
  const channel = await connection.createChannel();
  // The refusal also arrives as a channel 'error' event; the rejected call below reports it.
  channel.on('error', () => undefined);
  try {
    const result = await work(channel);
    await channel.close();
    return result;
  } catch (error) {
    if ((error as { code?: unknown }).code === PRECONDITION_FAILED) return false;
    await channel.close().catch(() => undefined);
    throw error;
  }
}
