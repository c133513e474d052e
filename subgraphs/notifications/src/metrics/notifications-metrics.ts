import { Counter, Gauge, Histogram } from 'prom-client';
import type { Logger } from '@herald/logging';
import { sharedReading, type MetricsRegistry } from '@herald/observability';
import type { EmailFeedback } from '../domain/email-feedback';
import type { Notification } from '../domain/notification';
import type { BoundedStatus, SweepReason } from '../domain/status-bounds';
import type { RoutingKey } from '@herald/contracts';
import type { RelayPassOutcome } from '../relay/outbox-relay.runner';
import type { IgnoredReason } from '../domain/status-report';
import type { OutboxBacklog } from '../store/outbox-backlog';

/**
 * Accept-to-delivery seconds: from a send that takes a fraction of a second, through retry
 * backoff (1 s … 10 min per step), to notifications that waited for their sendAt or quiet hours.
 */
export const DELIVERY_LATENCY_BUCKETS = [
  0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600, 21600, 86400,
];

export interface NotificationsMetrics {
  /** A message the broker confirmed, by its routing key (the channel). */
  published(routingKey: RoutingKey): void;
  /** A DELIVERED status recorded for `notification`. */
  delivered(notification: Notification, deliveredAt: Date): void;
  /** A bounce or complaint recorded for `notification` (decision 0028). */
  feedback(feedback: EmailFeedback, notification: Notification): void;
  /** One relay pass, by how it ended. */
  relayPassed(outcome: RelayPassOutcome): void;
  /** A notification the sweeper resolved past its status's bound. */
  swept(status: BoundedStatus, reason: SweepReason): void;
  /** A worker's status report not applied: late, duplicate or not a legal transition. */
  reportIgnored(reason: IgnoredReason): void;
  /** Status events recorded but not published on the Redis channel; the status feed counts them. */
  readonly unpublishedEvents: Counter;
}

/**
 * The notifications service's lifecycle series: `herald_messages_published_total{channel}`,
 * `herald_notification_delivery_latency_seconds{channel}`, `herald_notifications_delivered_total{channel,category}`
 * and `herald_email_feedback_total{kind,category}` (bounce and complaint rates: decision 0028),
 * `herald_outbox_relay_passes_total{result}`
 * (wake-ups of the relay, and how many found nothing), `herald_notifications_swept_total{status,reason}`
 * (notifications resolved past their status's time bound),
 * `herald_notifications_status_reports_ignored_total{reason}` and
 * `herald_notifications_status_events_unpublished_total`, and the outbox lag gauges
 * `herald_outbox_pending_messages` and `herald_outbox_oldest_pending_age_seconds`, read at
 * scrape time. Channels are labelled in lower case, as the workers' series and routing keys are.
 */
export function createNotificationsMetrics(
  registry: MetricsRegistry,
  readBacklog: () => Promise<OutboxBacklog>,
  log: Logger,
): NotificationsMetrics {
  const registers = [registry];
  const published = new Counter({
    name: 'herald_messages_published_total',
    help: 'Queue messages published to RabbitMQ and confirmed by the broker, by channel.',
    labelNames: ['channel'] as const,
    registers,
  });
  const latency = new Histogram({
    name: 'herald_notification_delivery_latency_seconds',
    help: 'Time from accepting a notification to its recorded delivery, by channel.',
    labelNames: ['channel'] as const,
    buckets: DELIVERY_LATENCY_BUCKETS,
    registers,
  });
  // Per category, the sender's own label: a sender with thousands of categories multiplies these
  // series (decision 0028). A notification without one is "none".
  const delivered = new Counter({
    name: 'herald_notifications_delivered_total',
    help: 'DELIVERED statuses recorded, by channel and category: the denominator of the bounce and complaint rates.',
    labelNames: ['channel', 'category'] as const,
    registers,
  });
  const feedback = new Counter({
    name: 'herald_email_feedback_total',
    help: 'Bounces and complaints recorded for delivered mail, by kind (hard_bounce, soft_bounce, complaint) and category.',
    labelNames: ['kind', 'category'] as const,
    registers,
  });
  const relayPasses = new Counter({
    name: 'herald_outbox_relay_passes_total',
    help: 'Outbox relay passes by result: published (some rows), empty (a wake-up with nothing to do) or failed.',
    labelNames: ['result'] as const,
    registers,
  });
  const swept = new Counter({
    name: 'herald_notifications_swept_total',
    help: 'Notifications resolved FAILED by the sweeper past their status time bound, by the status they were in and why.',
    labelNames: ['status', 'reason'] as const,
    registers,
  });
  const ignoredReports = new Counter({
    name: 'herald_notifications_status_reports_ignored_total',
    help: 'Worker status reports not applied: late, duplicate or not a legal transition.',
    labelNames: ['reason'] as const,
    registers,
  });
  const unpublishedEvents = new Counter({
    name: 'herald_notifications_status_events_unpublished_total',
    help: 'Status events recorded but not published on the Redis channel (Redis down).',
    registers,
  });
  // A database that cannot be read makes the gauges NaN (a gap on a graph, never a reassuring
  // 0); /metrics still answers.
  const backlog = sharedReading(() =>
    readBacklog().catch((error: unknown) => {
      log.warn({ err: error }, 'outbox backlog not readable for metrics');
      return undefined;
    }),
  );
  new Gauge({
    name: 'herald_outbox_pending_messages',
    help: 'Outbox messages not yet published to RabbitMQ.',
    registers,
    async collect() {
      this.set((await backlog())?.pending ?? Number.NaN);
    },
  });
  new Gauge({
    name: 'herald_outbox_oldest_pending_age_seconds',
    help: 'Age of the oldest outbox message not yet published (0 when none): the relay lag.',
    registers,
    async collect() {
      this.set((await backlog())?.oldestAgeSeconds ?? Number.NaN);
    },
  });

  return {
    published: (routingKey) => published.inc({ channel: routingKey }),
    delivered: (notification, deliveredAt) => {
      const channel = notification.channel.toLowerCase();
      delivered.inc({ channel, category: categoryLabel(notification) });
      latency.observe(
        { channel },
        Math.max(0, (deliveredAt.getTime() - notification.createdAt.getTime()) / 1000),
      );
    },
    feedback: ({ kind }, notification) =>
      feedback.inc({ kind: kind.toLowerCase(), category: categoryLabel(notification) }),
    relayPassed: (outcome) => relayPasses.inc({ result: outcome }),
    swept: (status, reason) => swept.inc({ status: status.toLowerCase(), reason }),
    reportIgnored: (reason) => ignoredReports.inc({ reason }),
    unpublishedEvents,
  };
}

function categoryLabel(notification: Notification): string {
  return notification.category || 'none';
}
