import type { Channel } from 'amqplib';
import { Gauge } from 'prom-client';
import type { Logger } from '@herald/logging';
import { sharedReading, type MetricsRegistry } from '@herald/observability';
import type { BrokerLink } from './broker-link';
import type { AmqpConnection } from './connect';
import type { TopologyNames } from './topology';

interface QueueReading {
  readonly queue: string;
  readonly messages: number;
  readonly consumers: number;
}

/** Every queue of the topology: both work queues, each retry step, and the failed queue. */
function queuesOf(names: TopologyNames): string[] {
  return [...Object.values(names.queues), ...names.retryQueues.map((step) => step.name), names.failedQueue];
}

/**
 * `herald_queue_messages{queue}` (ready messages, which for a retry step are the ones waiting
 * out their delay) and `herald_queue_consumers{queue}`, read from the broker at scrape time.
 * The reads use a channel of their own, opened on first scrape: a passive check of a missing
 * queue closes its channel, which must never be the publishing one, and never declares
 * anything. While the broker is away the gauges have no samples rather than stale ones.
 */
export function registerQueueMetrics(registry: MetricsRegistry, link: BrokerLink, log: Logger): void {
  let inspector: { amqp: AmqpConnection; channel: Promise<Channel> } | undefined;
  const channelOf = (amqp: AmqpConnection): Promise<Channel> => {
    if (inspector?.amqp !== amqp) {
      const channel = amqp.connection.createChannel().then((opened) => {
        // A 404 closes the channel with an error event; without a listener it would crash the process.
        opened.on('error', (error: unknown) => log.debug({ err: error }, 'queue metrics channel closed'));
        opened.on('close', () => {
          if (inspector?.channel === channel) inspector = undefined;
        });
        return opened;
      });
      inspector = { amqp, channel };
      channel.catch(() => {
        if (inspector?.channel === channel) inspector = undefined;
      });
    }
    return inspector.channel;
  };

  const readQueue = async (amqp: AmqpConnection, queue: string): Promise<QueueReading | undefined> => {
    try {
      const { messageCount, consumerCount } = await (await channelOf(amqp)).checkQueue(queue);
      return { queue, messages: messageCount, consumers: consumerCount };
    } catch (error) {
      log.debug({ err: error, queue }, 'queue not readable for metrics');
      return undefined;
    }
  };

  // Both gauges are collected in the same scrape: they share one round of reads.
  const readAll = sharedReading(async () => {
    const amqp = link.current();
    if (!amqp) return [];
    // One at a time: after a failed check the next read opens a fresh channel.
    const readings: QueueReading[] = [];
    for (const queue of queuesOf(amqp.names)) {
      const result = await readQueue(amqp, queue);
      if (result) readings.push(result);
    }
    return readings;
  });

  new Gauge({
    name: 'herald_queue_messages',
    help: 'Messages ready in each RabbitMQ queue (work, retry-step and failed queues), read at scrape time.',
    labelNames: ['queue'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const { queue, messages } of await readAll()) this.set({ queue }, messages);
    },
  });
  new Gauge({
    name: 'herald_queue_consumers',
    help: 'Consumers attached to each RabbitMQ queue, read at scrape time.',
    labelNames: ['queue'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const { queue, consumers } of await readAll()) this.set({ queue }, consumers);
    },
  });
}
