import { Counter } from 'prom-client';
import type { Channel } from '@herald/amqp';
import type { MetricsRegistry } from '@herald/observability';

/**
 * How handling a message ended; `duplicate` is a redelivery of a settled notification, dropped
 * unsent; `requeued` went back to its queue unattempted because the provider's breaker was open;
 * `unparseable` was dead-lettered without being read.
 */
export type DeliveryResult =
  'delivered' | 'skipped' | 'retried' | 'failed' | 'duplicate' | 'requeued' | 'unparseable';

export interface DeliveryMetrics {
  count(result: DeliveryResult): void;
}

/**
 * `herald_messages_consumed_total{channel,result}`: every message a worker took off its queue,
 * once, by how its handling ended. The results partition the consumed messages, so the sum is
 * the consumption rate and `result="delivered"` (or failed, retried…) the rate of each outcome,
 * with nothing counted twice.
 */
export function createDeliveryMetrics(registry: MetricsRegistry, channel: Channel): DeliveryMetrics {
  const consumed = new Counter({
    name: 'herald_messages_consumed_total',
    help: 'Queue messages a worker consumed, by channel and how their handling ended.',
    labelNames: ['channel', 'result'] as const,
    registers: [registry],
  });
  return { count: (result) => consumed.inc({ channel, result }) };
}
