import { randomUUID } from 'node:crypto';
import type { Channel as AmqpChannel, GetMessage } from 'amqplib';
import { connectAmqp, createPublisher, topologyNames, type AmqpConnection } from '@herald/amqp';
import { createLogger } from '@herald/logging';
import type { BoundPorts, ServiceApp } from '@herald/lifecycle';
import type { GrpcUser } from '@herald/proto';
import {
  createTestEnvironment,
  freePort,
  startSmtpSink,
  startWorkerPeers,
  waitFor,
  type SmtpSink,
  type WorkerPeers,
} from '@herald/testkit';
import { createApp } from '../src/app';
import { loadEmailWorkerConfig } from '../src/config';
import { ada, queuedMessage } from './fixtures';

const INTERNAL_TOKEN = 'email-resilience-test-token';
const RETRY_STEPS_MS = [200, 400];
const log = createLogger({ service: 'email-worker', level: 'silent' });

/** One worker on its own AMQP prefix with short retry steps, against the given SMTP server. */
function startHarness(
  smtpUrl: () => string,
  overrides: Record<string, string>,
  /** Users and templates on a server of their own, which a test may stop. */
  directory?: { users: GrpcUser[] },
) {
  const env = createTestEnvironment();
  const harness = {
    env,
    peers: undefined as unknown as WorkerPeers,
    directory: undefined as WorkerPeers | undefined,
    app: undefined as ServiceApp | undefined,
    ports: undefined as unknown as BoundPorts,
    broker: undefined as AmqpConnection | undefined,
    inspector: undefined as unknown as AmqpChannel,
    publish: (body: unknown) =>
      createPublisher(harness.broker!.publishChannel).publishJson(
        harness.broker!.names.directExchange,
        'email',
        body,
      ),
    queueDepth: async () =>
      (await harness.inspector.checkQueue(harness.broker!.names.queues.email)).messageCount,
    breakerState: async () => {
      const metrics = await (await fetch(`http://127.0.0.1:${harness.ports.http}/metrics`)).text();
      return /herald_circuit_breaker_state\{[^}]*channel="email"[^}]*\} (\d)/.exec(metrics)?.[1];
    },
  };
  const startPeers = (users: GrpcUser[]) =>
    startWorkerPeers({
      users,
      channel: 'EMAIL',
      template: { subject: 'Welcome, {{name}}', body: 'Hello {{name}}' },
      internalToken: INTERNAL_TOKEN,
      log,
    });
  beforeAll(async () => {
    harness.peers = await startPeers([ada]);
    harness.directory = directory ? await startPeers(directory.users) : undefined;
    const directoryAddress = harness.directory?.address ?? harness.peers.address;
    harness.app = await createApp(
      loadEmailWorkerConfig({
        PORT: '0',
        LOG_LEVEL: 'silent',
        INTERNAL_TOKEN,
        AMQP_URL: env.amqpUrl,
        AMQP_PREFIX: env.amqpPrefix,
        USERS_GRPC: directoryAddress,
        TEMPLATES_GRPC: directoryAddress,
        NOTIFICATIONS_GRPC: harness.peers.address,
        SMTP_URL: smtpUrl(),
        RETRY_STEPS_MS: RETRY_STEPS_MS.join(','),
        ...overrides,
      }),
      log,
    );
    harness.ports = await harness.app.start();
    harness.broker = await connectAmqp(env.amqpUrl, env.amqpPrefix, log, { retryStepsMs: RETRY_STEPS_MS });
    harness.inspector = await harness.broker.connection.createChannel();
  });
  afterAll(async () => {
    await harness.app?.stop();
    // The short steps are not among the queues the environment's cleanup knows.
    for (const step of topologyNames(env.amqpPrefix, RETRY_STEPS_MS).retryQueues)
      await harness.inspector?.deleteQueue(step.name);
    await harness.broker?.close();
    await harness.peers?.close();
    await harness.directory?.close();
    await env.cleanup();
  });
  return harness;
}

describe('email worker retries', () => {
  let sink: SmtpSink;
  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  const harness = startHarness(() => sink.url, { MAX_ATTEMPTS: '3', BREAKER_VOLUME_THRESHOLD: '1000' });
  afterEach(() => sink.rejectWith(undefined));
  afterAll(() => sink?.close());

  it('reports RETRYING twice on 451, then DELIVERED, with exactly one mail at the sink', async () => {
    sink.rejectWith(451);
    const message = queuedMessage();

    await harness.publish(message);

    await waitFor(
      () => harness.peers.statusesOf(message.notification_id).filter((s) => s === 'RETRYING').length === 2,
      { description: 'two RETRYING' },
    );
    sink.rejectWith(undefined);
    await waitFor(() => harness.peers.statusesOf(message.notification_id).includes('DELIVERED'), {
      description: 'DELIVERED',
    });
    expect(harness.peers.statusesOf(message.notification_id)).toEqual([
      'SENDING',
      'RETRYING',
      'SENDING',
      'RETRYING',
      'SENDING',
      'DELIVERED',
    ]);
    const retrying = harness.peers.reports.find(
      (report) => report.notification_id === message.notification_id && report.status === 'RETRYING',
    );
    expect(retrying?.detail).toContain('451');
    expect(sink.messages.filter((mail) => mail.messageId.includes(message.notification_id))).toHaveLength(1);
  });

  it('fails after MAX_ATTEMPTS transient failures and dead-letters with x-herald-error and x-herald-attempts', async () => {
    sink.rejectWith(451);
    const message = queuedMessage();

    await harness.publish(message);

    const deadLetter = await waitFor(
      async () => {
        const next: GetMessage | false = await harness.inspector.get(harness.broker!.names.failedQueue, {
          noAck: true,
        });
        return next && next.content.toString().includes(message.notification_id) ? next : undefined;
      },
      { description: 'the message in failed.queue' },
    );
    expect(deadLetter.properties.headers?.['x-herald-attempts']).toBe(3);
    expect(String(deadLetter.properties.headers?.['x-herald-error'])).toMatch(
      /^attempts exhausted \(3 of 3\)/,
    );
    expect(harness.peers.statusesOf(message.notification_id)).toEqual([
      'SENDING',
      'RETRYING',
      'SENDING',
      'RETRYING',
      'SENDING',
      'FAILED',
    ]);
  });
});

describe('email worker circuit breaker', () => {
  let sink: SmtpSink;
  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  const harness = startHarness(() => sink.url, {
    MAX_ATTEMPTS: '10',
    PREFETCH: '1',
    BREAKER_VOLUME_THRESHOLD: '2',
    BREAKER_ERROR_PERCENT: '50',
    BREAKER_RESET_MS: '1500',
  });
  afterAll(() => sink?.close());

  it('pauses consuming while the server is down, keeps messages queued without attempts, then delivers each once', async () => {
    sink.rejectWith(421);
    const first = [queuedMessage(), queuedMessage()];
    for (const message of first) await harness.publish(message);
    await waitFor(async () => (await harness.breakerState()) === '2', { description: 'breaker open' });

    const waiting = [queuedMessage(), queuedMessage(), queuedMessage(), queuedMessage(), queuedMessage()];
    for (const message of waiting) await harness.publish(message);
    await waitFor(async () => (await harness.queueDepth()) >= waiting.length, { description: 'queue grows' });
    for (const message of waiting) expect(harness.peers.statusesOf(message.notification_id)).toEqual([]);

    sink.rejectWith(undefined);
    const all = [...first, ...waiting];
    await waitFor(
      () => all.every((message) => harness.peers.statusesOf(message.notification_id).includes('DELIVERED')),
      { description: 'all delivered' },
    );
    for (const message of all) {
      expect(sink.messages.filter((mail) => mail.messageId.includes(message.notification_id))).toHaveLength(
        1,
      );
    }
    for (const message of waiting) {
      expect(harness.peers.statusesOf(message.notification_id)).toEqual(['SENDING', 'DELIVERED']);
    }
    expect(await harness.breakerState()).toBe('0');
  });
});

describe('email worker without users and templates', () => {
  let sink: SmtpSink;
  const grace: GrpcUser = { ...ada, id: randomUUID(), email: 'grace@example.com', name: 'Grace' };
  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  const harness = startHarness(() => sink.url, { MAX_ATTEMPTS: '10' }, { users: [ada, grace] });
  afterAll(() => sink?.close());

  it('delivers with the cached user and rendering, and retries what it has no copy of', async () => {
    const first = queuedMessage();
    await harness.publish(first);
    await waitFor(() => harness.peers.statusesOf(first.notification_id).includes('DELIVERED'), {
      description: 'the first DELIVERED',
    });

    await harness.directory!.close();
    const again = queuedMessage();
    const uncached = { ...queuedMessage(), user_id: grace.id };
    await harness.publish(again);
    await harness.publish(uncached);

    await waitFor(() => harness.peers.statusesOf(again.notification_id).includes('DELIVERED'), {
      description: 'DELIVERED from the cache',
    });
    await waitFor(() => harness.peers.statusesOf(uncached.notification_id).includes('RETRYING'), {
      description: 'RETRYING without a copy',
    });
    const retrying = harness.peers.reports.find(
      (report) => report.notification_id === uncached.notification_id && report.status === 'RETRYING',
    );
    expect(retrying?.detail).toMatch(/^UNAVAILABLE/);
    expect(sink.messages.filter((mail) => mail.messageId.includes(again.notification_id))).toHaveLength(1);
  });
});

describe('email worker SMTP failover', () => {
  let sink: SmtpSink;
  let downPort = 0;
  beforeAll(async () => {
    sink = await startSmtpSink();
    downPort = await freePort();
  });
  const harness = startHarness(() => `smtp://127.0.0.1:${downPort},${sink.url}`, {});
  afterAll(() => sink?.close());

  it('sends through the second server when the first is down', async () => {
    const message = queuedMessage();

    await harness.publish(message);

    await waitFor(() => harness.peers.statusesOf(message.notification_id).includes('DELIVERED'), {
      description: 'DELIVERED',
    });
    expect(harness.peers.statusesOf(message.notification_id)).toEqual(['SENDING', 'DELIVERED']);
    expect(sink.messages.filter((mail) => mail.messageId.includes(message.notification_id))).toHaveLength(1);
  });
});

describe('email worker shutdown', () => {
  // The SMTP server holds its answer: the send is in flight when stop() is called.
  let sink: SmtpSink;
  beforeAll(async () => {
    sink = await startSmtpSink();
    sink.hold();
  });
  const harness = startHarness(() => sink.url, {});
  afterAll(() => sink.close());

  it('finishes and acks the in-flight send on stop, leaving nothing to redeliver', async () => {
    const message = queuedMessage();

    await harness.publish(message);
    await waitFor(() => sink.heldCount() === 1, { description: 'the send in flight' });
    const stopping = harness.app!.stop();
    sink.release();
    await stopping;
    harness.app = undefined;

    expect(sink.messages.filter((mail) => mail.messageId.includes(message.notification_id))).toHaveLength(1);
    expect(harness.peers.statusesOf(message.notification_id)).toEqual(['SENDING', 'DELIVERED']);
    const queue = await harness.inspector.checkQueue(harness.broker!.names.queues.email);
    expect(queue.messageCount).toBe(0);
  });
});
