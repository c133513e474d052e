import {
  createQueueInspector,
  registerQueueMetrics,
  type BrokerLink,
  type QueueInspector,
} from '@herald/amqp';
import type { Logger } from '@herald/logging';
import type { MetricsRegistry } from '@herald/observability';
import type { DataSource } from 'typeorm';
import { createNotificationsMetrics, type NotificationsMetrics } from './metrics/notifications-metrics';
import { createOutboxBacklogReader } from './store/outbox-backlog';

export interface Metrics {
  readonly metrics: NotificationsMetrics;
  /** Queue depths and consumers, read from the broker: gauges on /metrics, and part of systemStatus. */
  readonly queues: QueueInspector;
}

/** The service's series on its registry: the notifications' lifecycle, the outbox lag and the queues. */
export function composeMetrics({
  db,
  broker,
  registry,
  log,
}: {
  db: DataSource;
  broker: BrokerLink;
  registry: MetricsRegistry;
  log: Logger;
}): Metrics {
  const metrics = createNotificationsMetrics(registry, createOutboxBacklogReader(db), log);
  const queues = createQueueInspector(broker, log);
  registerQueueMetrics(registry, queues);
  return { metrics, queues };
}
