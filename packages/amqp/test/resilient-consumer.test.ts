import { createLogger } from '@herald/logging';
import { createTestEnvironment, startTcpProxy, waitFor, type TcpProxy } from '@herald/testkit';
import {
  connectAmqp,
  connectBrokerLink,
  consumeAcrossReconnects,
  createPublisher,
  type AmqpConnection,
  type BrokerLink,
  type ConsumerHandle,
} from '../src';

interface Job {
  readonly id: string;
}

const log = createLogger({ service: 'amqp-test', level: 'silent' });
const environment = createTestEnvironment();
let proxy: TcpProxy;
let link: BrokerLink;
let direct: AmqpConnection;
let consumer: ConsumerHandle | undefined;
const seen: string[] = [];

beforeAll(async () => {
  const broker = new URL(environment.amqpUrl);
  proxy = await startTcpProxy({ host: broker.hostname, port: Number(broker.port || 5672) });
  const throughProxy = new URL(environment.amqpUrl);
  throughProxy.port = String(proxy.port);
  link = await connectBrokerLink({ urls: [throughProxy.toString()], prefix: environment.amqpPrefix, log });
  direct = await connectAmqp(environment.amqpUrl, environment.amqpPrefix, log);
  consumer = await consumeAcrossReconnects<Job>(
    link,
    { queue: direct.names.queues.email, routingKey: 'email', prefetch: 5 },
    {
      parse: (body) => body as Job,
      attemptOf: () => 1,
      withAttempt: (job) => job,
      notificationIdOf: (job) => job.id,
      handle: async (job) => {
        seen.push(job.id);
        return { kind: 'ack' };
      },
    },
    log,
  );
});

afterAll(async () => {
  await consumer?.stop();
  await link?.close();
  await direct?.close();
  await proxy?.close();
  await environment.cleanup();
});

const publish = (id: string) =>
  createPublisher(direct.publishChannel).publishJson(direct.names.directExchange, 'email', { id });

describe('consumeAcrossReconnects', () => {
  it('consumes again once the broker is reachable after an outage, without a restart', async () => {
    await publish('before');
    await waitFor(() => seen.includes('before'), { description: 'the first message' });

    proxy.cut();
    await waitFor(() => link.current() === undefined, { description: 'the link to notice the outage' });
    await publish('during');
    proxy.restore();

    await waitFor(() => seen.includes('during'), {
      timeoutMs: 20_000,
      description: 'the message sent during the outage',
    });
    await publish('after');
    await waitFor(() => seen.includes('after'), { description: 'a message after the reconnection' });
  });

  it('stays paused across a reconnection (an open breaker survives a broker blip)', async () => {
    await consumer!.pause();
    proxy.cut();
    await waitFor(() => link.current() === undefined, { description: 'the outage' });
    proxy.restore();
    await waitFor(() => link.current() !== undefined, { timeoutMs: 20_000, description: 'the reconnection' });
    await publish('while-paused');
    const inspector = await direct.createChannel();
    const queued = await waitFor(
      async () => (await inspector.checkQueue(direct.names.queues.email)).messageCount === 1,
      { description: 'the message to wait in the queue' },
    );
    expect(queued).toBe(true);
    expect(seen).not.toContain('while-paused');

    await consumer!.resume();
    await waitFor(() => seen.includes('while-paused'), { description: 'the message after resume' });
    await inspector.close();
  });
  it('takes a resume during an outage and consumes once the broker is back (a breaker closing mid-outage)', async () => {
    await consumer!.pause();
    proxy.cut();
    await waitFor(() => link.current() === undefined, { description: 'the outage' });
    await consumer!.resume();
    proxy.restore();
    await publish('resumed-during-outage');
    await waitFor(() => seen.includes('resumed-during-outage'), {
      timeoutMs: 20_000,
      description: 'the message after the reconnection',
    });
  });
});
