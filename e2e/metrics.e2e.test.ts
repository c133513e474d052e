import { randomUUID } from 'node:crypto';
import {
  getMetricsFromIterator,
  type PromData,
  type PromHistogramData,
  type PromMetrics,
} from 'prom2javascript';
import { waitFor } from '@herald/testkit';
import { createRecipientAndTemplate, waitForStatus } from './email-steps';
import { heraldClient } from './gateway-client';
import { readSystemState } from './system-state';

const state = readSystemState();
const SERVICES = ['gateway', 'users', 'templates', 'notifications', 'email', 'push'] as const;
type Service = (typeof SERVICES)[number];
/** The `service` label each process gives its series (the workers name themselves as such). */
const SERVICE_LABEL: Record<Service, string> = {
  gateway: 'gateway',
  users: 'users',
  templates: 'templates',
  notifications: 'notifications',
  email: 'email-worker',
  push: 'push-worker',
};

/** GET /metrics of a service's HTTP port, parsed by a Prometheus text parser that refuses malformed lines. */
async function scrape(service: Service): Promise<PromMetrics> {
  const response = await fetch(`http://127.0.0.1:${state.ports[service]}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  const lines = (await response.text()).split('\n');
  // The text format allows NaN (Prometheus reads any case), which this parser refuses. prom-client
  // writes it for event-loop lag statistics alone, when a scrape follows the last within its
  // sampling interval.
  const notANumber = lines.filter((line) => / nan$/i.test(line));
  expect(notANumber.filter((line) => !line.startsWith('herald_nodejs_eventloop_lag_'))).toEqual([]);
  return getMetricsFromIterator(lines.filter((line) => !notANumber.includes(line))[Symbol.iterator]());
}

function samplesOf(metrics: PromMetrics, name: string, type: 'counter' | 'gauge'): PromData[] {
  const metric = metrics[name];
  if (!metric) throw new Error(`${name} is not exposed`);
  expect(metric.type).toBe(type);
  return metric.data as PromData[];
}

function histogramsOf(metrics: PromMetrics, name: string): PromHistogramData[] {
  const metric = metrics[name];
  if (!metric) throw new Error(`${name} is not exposed`);
  expect(metric.type).toBe('histogram');
  return metric.data as PromHistogramData[];
}

/** The first series whose labels include all of `labels`. */
function withLabels<T extends { labels: Record<string, string> }>(
  series: readonly T[],
  labels: Record<string, string>,
): T | undefined {
  return series.find((one) => Object.entries(labels).every(([key, value]) => one.labels[key] === value));
}

/** The value for a queue, by its name after the AMQP_PREFIX the e2e system gives its topology. */
function forQueue(samples: readonly PromData[], queue: string): number | undefined {
  return samples.find((sample) => sample.labels.queue?.endsWith(`.${queue}`))?.value;
}

describe('/metrics of every service after a notification went through', () => {
  const suffix = randomUUID().slice(0, 8);
  let scraped: Record<Service, PromMetrics>;

  beforeAll(async () => {
    const { userId, templateCode } = await createRecipientAndTemplate(state, suffix);
    const { notification } = await heraldClient(state).notifications.send({
      channel: 'EMAIL',
      userId,
      templateCode,
      variables: { name: 'Grace' },
      requestId: `metrics-${suffix}`,
    });
    await waitForStatus(state, notification.id, 'DELIVERED');
    // The delivery is observed right after DELIVERED is committed; poll until a scrape has it.
    await waitFor(
      async () => {
        const latency = histogramsOf(
          await scrape('notifications'),
          'herald_notification_delivery_latency_seconds',
        );
        return (withLabels(latency, { channel: 'email' })?.count ?? 0) >= 1;
      },
      { description: 'the delivery latency to be observed' },
    );
    const entries = await Promise.all(
      SERVICES.map(async (service) => [service, await scrape(service)] as const),
    );
    scraped = Object.fromEntries(entries) as Record<Service, PromMetrics>;
  });

  it.each(SERVICES)(
    '%s: parses, labels every series with its service, times its HTTP requests',
    (service) => {
      const metrics = scraped[service];
      for (const [name, metric] of Object.entries(metrics)) {
        for (const series of metric.data) {
          expect({ name, service: series.labels.service }).toEqual({ name, service: SERVICE_LABEL[service] });
        }
      }
      const http = histogramsOf(metrics, 'herald_http_request_duration_seconds');
      expect(http.length).toBeGreaterThan(0);
      for (const series of http) {
        expect(series.labels).toEqual(
          expect.objectContaining({
            method: expect.any(String),
            route: expect.any(String),
            status: expect.any(String),
          }),
        );
      }
      expect(samplesOf(metrics, 'herald_process_cpu_user_seconds_total', 'counter').length).toBe(1);
    },
  );

  it('notifications: published count, delivery latency, outbox lag, queue depth and consumers', () => {
    const metrics = scraped.notifications;
    const published = samplesOf(metrics, 'herald_messages_published_total', 'counter');
    expect(withLabels(published, { channel: 'email' })?.value).toBeGreaterThanOrEqual(1);

    const latency = withLabels(histogramsOf(metrics, 'herald_notification_delivery_latency_seconds'), {
      channel: 'email',
    });
    expect(latency?.count).toBeGreaterThanOrEqual(1);
    expect(latency?.sum).toBeGreaterThan(0);
    // Buckets reach from under a second to minutes and beyond.
    expect(Object.keys(latency?.buckets ?? {})).toEqual(expect.arrayContaining(['0.1', '60', '600', '+Inf']));

    expect(samplesOf(metrics, 'herald_outbox_pending_messages', 'gauge')[0]?.value).toBeGreaterThanOrEqual(0);
    expect(
      samplesOf(metrics, 'herald_outbox_oldest_pending_age_seconds', 'gauge')[0]?.value,
    ).toBeGreaterThanOrEqual(0);

    const depth = samplesOf(metrics, 'herald_queue_messages', 'gauge');
    const consumers = samplesOf(metrics, 'herald_queue_consumers', 'gauge');
    for (const queue of ['email.queue', 'push.queue', 'failed.queue', 'jobs.retry.1s', 'jobs.retry.10m']) {
      expect({ queue, depth: forQueue(depth, queue) }).toEqual({ queue, depth: expect.any(Number) });
    }
    expect(forQueue(consumers, 'email.queue')).toBeGreaterThanOrEqual(1);
    expect(forQueue(consumers, 'push.queue')).toBeGreaterThanOrEqual(1);
    expect(forQueue(consumers, 'failed.queue')).toBe(0);

    const grpcServer = histogramsOf(metrics, 'herald_grpc_server_handling_seconds');
    const reports = grpcServer.filter(
      (series) =>
        series.labels.method?.startsWith('herald.v1.NotificationStatusService/') &&
        series.labels.code === 'OK',
    );
    expect(reports.reduce((sum, series) => sum + series.count, 0)).toBeGreaterThanOrEqual(2);
    const grpcClient = histogramsOf(metrics, 'herald_grpc_client_handling_seconds');
    expect(
      withLabels(grpcClient, { method: 'herald.v1.UserService/GetUser', code: 'OK' })?.count,
    ).toBeGreaterThanOrEqual(1);
  });

  it('email worker: consumed and delivered by channel, breaker closed, gRPC client latency', () => {
    const metrics = scraped.email;
    const consumed = samplesOf(metrics, 'herald_messages_consumed_total', 'counter');
    expect(withLabels(consumed, { channel: 'email', result: 'delivered' })?.value).toBeGreaterThanOrEqual(1);
    expect(
      withLabels(samplesOf(metrics, 'herald_circuit_breaker_state', 'gauge'), { channel: 'email' })?.value,
    ).toBe(0);
    const sends = withLabels(histogramsOf(metrics, 'herald_provider_send_seconds'), {
      channel: 'email',
      outcome: 'ok',
    });
    expect(sends?.count).toBeGreaterThanOrEqual(1);
    const grpcClient = histogramsOf(metrics, 'herald_grpc_client_handling_seconds');
    expect(
      withLabels(grpcClient, { method: 'herald.v1.TemplateService/GetTemplateVersion', code: 'OK' })?.count,
    ).toBeGreaterThanOrEqual(1);
  });

  it('push worker: its breaker and its consumed counter exist before any push', () => {
    const metrics = scraped.push;
    expect(
      withLabels(samplesOf(metrics, 'herald_circuit_breaker_state', 'gauge'), { channel: 'push' })?.value,
    ).toBe(0);
    expect(metrics.herald_messages_consumed_total?.type).toBe('counter');
  });

  it('users and templates: gRPC server latency by method and code', () => {
    const users = histogramsOf(scraped.users, 'herald_grpc_server_handling_seconds');
    expect(
      withLabels(users, { method: 'herald.v1.UserService/GetUser', code: 'OK' })?.count,
    ).toBeGreaterThanOrEqual(1);
    const templates = histogramsOf(scraped.templates, 'herald_grpc_server_handling_seconds');
    expect(
      withLabels(templates, { method: 'herald.v1.TemplateService/GetTemplateVersion', code: 'OK' })?.count,
    ).toBeGreaterThanOrEqual(1);
  });

  it('gateway: HTTP latency by route pattern and status', () => {
    const http = histogramsOf(scraped.gateway, 'herald_http_request_duration_seconds');
    expect(
      withLabels(http, { route: '/graphql', method: 'POST', status: '200' })?.count,
    ).toBeGreaterThanOrEqual(3);
  });
});
