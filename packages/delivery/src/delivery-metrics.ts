import { Counter } from 'prom-client';
import type { Channel } from '@herald/amqp';
import type { MetricsRegistry } from '@herald/observability';

/**
 * How handling a message ended; `duplicate` is a redelivery of a settled notification, dropped
 * unsent; `requeued` went back to its queue unattempted because the provider's breaker was open.
 */
export type DeliveryResult = 'delivered' | 'skipped' | 'retried' | 'failed' | 'duplicate' | 'requeued';

export interface DeliveryMetrics {
  count(result: DeliveryResult): void;
}

export function createDeliveryMetrics(registry: MetricsRegistry, channel: Channel): DeliveryMetrics {
  const deliveries = new Counter({
    name: 'herald_deliveries_total',
    help: 'Queue messages handled by a worker, by how their handling ended.',
    labelNames: ['channel', 'result'] as const,
    registers: [registry],
  });
  return { count: (result) => deliveries.inc({ channel, result }) };
}
