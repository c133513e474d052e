import { Gauge } from 'prom-client';
import { sharedReading, type MetricsRegistry } from '@herald/observability';
import type { QueueInspector } from './queue-inspector';

/**
 * `herald_queue_messages{queue}` (ready messages, which for a retry step are the ones waiting
 * out their delay) and `herald_queue_consumers{queue}`, read from the broker at scrape time.
 * While the broker is away the gauges have no samples rather than stale ones.
 */
export function registerQueueMetrics(registry: MetricsRegistry, inspector: QueueInspector): void {
  // Both gauges are collected in the same scrape: they share one round of reads.
  const readAll = sharedReading(() => inspector.readAll());

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
