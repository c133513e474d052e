import { Registry } from 'prom-client';
import { createLogger } from '@herald/logging';
import { histogramSeries } from '@herald/testkit';
import type { Notification } from '../domain/notification';
import { createNotificationsMetrics } from './notifications-metrics';

const log = createLogger({ service: 'notifications-test', level: 'silent' });
const accepted = new Date('2026-01-02T03:00:00.000Z');

/** Only the fields the metrics read matter here. */
function notification(channel: Notification['channel'], category: string | null = null): Notification {
  return { channel, category, createdAt: accepted } as Notification;
}

async function samples(registry: Registry, name: string) {
  const metric = (await registry.getMetricsAsJSON()).find((candidate) => candidate.name === name);
  return metric?.values ?? [];
}

describe('createNotificationsMetrics', () => {
  it('observes accept-to-delivery seconds by lower-case channel, in minute-scale buckets too', async () => {
    const registry = new Registry();
    const metrics = createNotificationsMetrics(
      registry,
      async () => ({ pending: 0, oldestAgeSeconds: 0 }),
      log,
    );

    metrics.delivered(notification('EMAIL'), new Date(accepted.getTime() + 1_500));
    metrics.delivered(notification('EMAIL'), new Date(accepted.getTime() + 90_000));

    const [email, ...others] = await histogramSeries(
      registry,
      'herald_notification_delivery_latency_seconds',
    );
    expect(others).toEqual([]);
    expect(email).toMatchObject({ labels: { channel: 'email' }, count: 2 });
    expect(email?.sum).toBeCloseTo(91.5);
    expect(email?.buckets).toMatchObject({ '2.5': 1, '60': 1, '120': 2 });
  });

  it('counts deliveries, bounces and complaints by category, for the bounce and complaint rates', async () => {
    const registry = new Registry();
    const metrics = createNotificationsMetrics(
      registry,
      async () => ({ pending: 0, oldestAgeSeconds: 0 }),
      log,
    );
    const marketing = notification('EMAIL', 'marketing');
    const feedback = (kind: 'HARD_BOUNCE' | 'SOFT_BOUNCE' | 'COMPLAINT') => ({
      kind,
      userId: 'u',
      notificationId: 'n',
      statusCode: '',
      diagnostic: '',
      category: 'marketing',
    });

    metrics.delivered(marketing, accepted);
    metrics.delivered(notification('EMAIL'), accepted);
    metrics.feedback(feedback('HARD_BOUNCE'), marketing);
    metrics.feedback(feedback('COMPLAINT'), marketing);
    metrics.feedback(feedback('COMPLAINT'), marketing);

    expect(await samples(registry, 'herald_notifications_delivered_total')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ labels: { channel: 'email', category: 'marketing' }, value: 1 }),
        expect.objectContaining({ labels: { channel: 'email', category: 'none' }, value: 1 }),
      ]),
    );
    expect(await samples(registry, 'herald_email_feedback_total')).toEqual([
      expect.objectContaining({ labels: { kind: 'hard_bounce', category: 'marketing' }, value: 1 }),
      expect.objectContaining({ labels: { kind: 'complaint', category: 'marketing' }, value: 2 }),
    ]);
  });

  it('counts confirmed publishes by channel', async () => {
    const registry = new Registry();
    const metrics = createNotificationsMetrics(
      registry,
      async () => ({ pending: 0, oldestAgeSeconds: 0 }),
      log,
    );

    metrics.published('email');
    metrics.published('email');
    metrics.published('push');

    expect(await samples(registry, 'herald_messages_published_total')).toEqual([
      expect.objectContaining({ labels: { channel: 'email' }, value: 2 }),
      expect.objectContaining({ labels: { channel: 'push' }, value: 1 }),
    ]);
  });

  it('reports the outbox backlog at scrape time, reading it once per scrape', async () => {
    const registry = new Registry();
    let reads = 0;
    createNotificationsMetrics(
      registry,
      async () => {
        reads += 1;
        return { pending: 3, oldestAgeSeconds: 42 };
      },
      log,
    );

    const text = await registry.metrics();

    expect(text).toContain('herald_outbox_pending_messages 3');
    expect(text).toContain('herald_outbox_oldest_pending_age_seconds 42');
    expect(reads).toBe(1);
  });

  it('reports the outbox gauges as NaN, and /metrics still answers, while the database is down', async () => {
    const registry = new Registry();
    createNotificationsMetrics(
      registry,
      async () => {
        throw new Error('connection refused');
      },
      log,
    );

    const text = await registry.metrics();
    // prom-client writes "Nan"; Prometheus reads NaN in any case.
    expect(text).toMatch(/^herald_outbox_pending_messages nan$/im);
    expect(text).toMatch(/^herald_outbox_oldest_pending_age_seconds nan$/im);
  });
});
