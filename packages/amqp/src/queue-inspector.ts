import type { Channel } from 'amqplib';
import type { Logger } from '@herald/logging';
import type { BrokerLink } from './broker-link';
import type { AmqpConnection } from './connect';
import type { TopologyNames } from './topology';

export interface QueueReading {
  readonly queue: string;
  /** Ready messages; for a retry step, the ones waiting out their delay. */
  readonly messages: number;
  readonly consumers: number;
}

export interface QueueInspector {
  /** Every queue of the topology the broker could answer for, in topology order; none while it is away. */
  readAll(): Promise<QueueReading[]>;
}

/** Every queue of the topology: both work queues, each retry step, and the failed queue. */
function queuesOf(names: TopologyNames): string[] {
  return [...Object.values(names.queues), ...names.retryQueues.map((step) => step.name), names.failedQueue];
}

/**
 * Reads queue depths and consumers with passive checks on a channel of its own, opened on first
 * read: a passive check of a missing queue closes its channel, which must never be the publishing
 * one, and never declares anything.
 */
export function createQueueInspector(link: BrokerLink, log: Logger): QueueInspector {
  let inspection: { amqp: AmqpConnection; channel: Promise<Channel> } | undefined;
  const channelOf = (amqp: AmqpConnection): Promise<Channel> => {
    if (inspection?.amqp !== amqp) {
      const channel = amqp.connection.createChannel().then((opened) => {
        // A 404 closes the channel with an error event; without a listener it would crash the process.
        opened.on('error', (error: unknown) => log.debug({ err: error }, 'queue inspection channel closed'));
        opened.on('close', () => {
          if (inspection?.channel === channel) inspection = undefined;
        });
        return opened;
      });
      inspection = { amqp, channel };
      channel.catch(() => {
        if (inspection?.channel === channel) inspection = undefined;
      });
    }
    return inspection.channel;
  };

  const readQueue = async (amqp: AmqpConnection, queue: string): Promise<QueueReading | undefined> => {
    try {
      const { messageCount, consumerCount } = await (await channelOf(amqp)).checkQueue(queue);
      return { queue, messages: messageCount, consumers: consumerCount };
    } catch (error) {
      log.debug({ err: error, queue }, 'queue not readable');
      return undefined;
    }
  };

  return {
    async readAll() {
      const amqp = link.current();
      if (!amqp) return [];
      // One at a time: after a failed check the next read opens a fresh channel.
      const readings: QueueReading[] = [];
      for (const queue of queuesOf(amqp.names)) {
        const result = await readQueue(amqp, queue);
        if (result) readings.push(result);
      }
      return readings;
    },
  };
}
