import amqp from 'amqplib';
import { Registry } from 'prom-client';
import { createLogger } from '@herald/logging';
import { createTestEnvironment, waitFor } from '@herald/testkit';
import { connectBrokerLink, createPublisher, registerQueueMetrics, type BrokerLink } from '../src';

const log = createLogger({ service: 'amqp-test', level: 'silent' });
const environment = createTestEnvironment();
const registry = new Registry();
let link: BrokerLink;

beforeAll(async () => {
  link = await connectBrokerLink({ urls: [environment.amqpUrl], prefix: environment.amqpPrefix, log });
  registerQueueMetrics(registry, link, log);
});

afterAll(async () => {
  await link?.close();
  await environment.cleanup();
});

/** One scrape: queue name → value, for a gauge. */
async function scrape(name: string): Promise<Map<string, number>> {
  const metric = (await registry.getMetricsAsJSON()).find((candidate) => candidate.name === name);
  return new Map((metric?.values ?? []).map((sample) => [String(sample.labels.queue), sample.value]));
}

async function publishEmail(): Promise<void> {
  const amqpConnection = link.current()!;
  await createPublisher(amqpConnection.publishChannel).publishJson(
    amqpConnection.names.directExchange,
    'email',
    { hello: 'world' },
  );
}

it('reports depth and consumers of the work, retry and failed queues', async () => {
  const names = link.current()!.names;
  await publishEmail();
  await publishEmail();

  const depth = await waitFor(
    async () => {
      const read = await scrape('herald_queue_messages');
      return read.get(names.queues.email) === 2 && read;
    },
    { description: 'two messages in the email queue' },
  );
  const expected = [
    names.queues.email,
    names.queues.push,
    ...names.retryQueues.map((step) => step.name),
    names.failedQueue,
  ];
  expect([...depth.keys()].sort()).toEqual([...expected].sort());
  expect(depth.get(names.queues.push)).toBe(0);
  expect(depth.get(names.failedQueue)).toBe(0);

  const consumers = await scrape('herald_queue_consumers');
  expect(consumers.get(names.queues.email)).toBe(0);
  expect(consumers.size).toBe(expected.length);
});

it('skips a queue that has gone, without declaring it or disturbing publishing', async () => {
  const names = link.current()!.names;
  const admin = await amqp.connect(environment.amqpUrl);
  try {
    const channel = await admin.createChannel();
    // The check below for the deleted queue closes this channel with a 404.
    channel.on('error', () => undefined);
    await channel.deleteQueue(names.queues.push);

    const depth = await scrape('herald_queue_messages');
    expect(depth.has(names.queues.push)).toBe(false);
    expect(depth.has(names.queues.email)).toBe(true);
    expect(depth.has(names.failedQueue)).toBe(true);
    // A scrape never creates the queue it could not find.
    await expect(channel.checkQueue(names.queues.push)).rejects.toThrow(/NOT_FOUND/);
  } finally {
    await admin.close().catch(() => undefined);
  }
  await expect(publishEmail()).resolves.toBeUndefined();
  expect((await scrape('herald_queue_messages')).get(names.queues.email)).toBeGreaterThanOrEqual(3);
});
