import type { ChannelModel, Options } from 'amqplib';
import { onOwnChannel } from './own-channel';

/**
 * AMQP_QUEUE_TYPE (decision 0025): classic queues live on one node and keep priorities; quorum
 * queues are replicated across a cluster's nodes and, on RabbitMQ 3.x, refuse x-max-priority.
 */
export type QueueType = 'classic' | 'quorum';

/** How one queue is declared as either type. */
export type QueueDeclaration = (type: QueueType) => Options.AssertQueue;

/**
 * What a quorum queue that dead-letters needs so that no message is lost on the way: RabbitMQ
 * dead-letters at-least-once (keeping the message until the target queue confirms it) only when
 * the overflow mode is reject-publish. None of these queues has a length limit, so the overflow
 * mode itself never acts.
 */
export const QUORUM_DEAD_LETTERING = {
  'x-queue-type': 'quorum',
  'x-dead-letter-strategy': 'at-least-once',
  'x-overflow': 'reject-publish',
};

/** The start-up refusal when a queue exists with the other type; RabbitMQ cannot convert one in place. */
export class QueueTypeMismatchError extends Error {
  constructor(
    readonly queue: string,
    readonly existing: QueueType,
    readonly wanted: QueueType,
  ) {
    super(
      `cannot start: queue ${queue} exists as a ${existing} queue, but AMQP_QUEUE_TYPE=${wanted} declares it ` +
        `as a ${wanted} queue, and RabbitMQ cannot change a queue's type. Move its messages first (README, ` +
        `"RabbitMQ cluster and quorum queues"), or set AMQP_QUEUE_TYPE=${existing}`,
    );
    this.name = 'QueueTypeMismatchError';
  }
}

const otherType = (type: QueueType): QueueType => (type === 'classic' ? 'quorum' : 'classic');

/**
 * Declares a queue as `type`. True when declared (or already there, the same); false when RabbitMQ
 * refused the arguments for another reason than the type. A refused declaration is tried again
 * as the other type, which is a no-op on a queue of that type: when that one is accepted the queue
 * has the other type, and the start-up stops with a QueueTypeMismatchError. Nothing is deleted.
 */
export async function declareQueueAs(
  connection: ChannelModel,
  name: string,
  declaration: QueueDeclaration,
  type: QueueType,
): Promise<boolean> {
  if ((await onOwnChannel(connection, (channel) => channel.assertQueue(name, declaration(type)))) !== false) {
    return true;
  }
  const other = otherType(type);
  const isOther = await onOwnChannel(connection, (channel) => channel.assertQueue(name, declaration(other)));
  if (isOther !== false) throw new QueueTypeMismatchError(name, other, type);
  return false;
}
