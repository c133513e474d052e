import { createLogger } from '@herald/logging';
import { createTestEnvironment, waitFor } from '@herald/testkit';
import { connectAmqp, type AmqpConnection } from '../src';

const log = createLogger({ service: 'amqp-publisher-test', level: 'silent' });
const environment = createTestEnvironment();
let connection: AmqpConnection;
/** A queue that refuses every message, so a publish routed to it is nacked. */
let refusing: string;

beforeAll(async () => {
  connection = await connectAmqp(environment.amqpUrl, environment.amqpPrefix, log);
  const setup = await connection.createChannel();
  refusing = `${environment.amqpPrefix}refusing`;
  await setup.assertQueue(refusing, {
    durable: false,
    autoDelete: true,
    arguments: { 'x-max-length': 0, 'x-overflow': 'reject-publish' },
  });
  await setup.bindQueue(refusing, connection.names.directExchange, 'refused');
  await setup.close();
});

afterAll(async () => {
  await connection?.close();
  await environment.cleanup();
});

describe("a connection's publisher", () => {
  it('reports a nacked publish as failed and publishes the next one on a new channel, confirmed', async () => {
    const { publisher, names } = connection;
    const nacked = connection.publishChannel;

    await expect(publisher.publishJson(names.directExchange, 'refused', { id: 'n1' })).rejects.toThrow(
      'message nacked',
    );
    await waitFor(() => connection.publishChannel !== nacked, {
      description: 'the publish channel renewed after the nack',
    });

    await expect(publisher.publishJson(names.directExchange, 'email', { id: 'n2' })).resolves.toBeUndefined();
    const check = await connection.createChannel();
    expect((await check.checkQueue(names.queues.email)).messageCount).toBe(1);
    await check.close();
  });

  it('publishes again once the broker closed its channel under an open connection', async () => {
    const { publisher, names } = connection;
    const closed = connection.publishChannel;

    // A publish to an exchange that does not exist makes RabbitMQ close the channel (404).
    await expect(
      publisher.publishJson(`${names.directExchange}.missing`, 'email', { id: 'c1' }),
    ).rejects.toThrow();
    await waitFor(() => connection.publishChannel !== closed, {
      description: 'the publish channel renewed after the broker closed it',
    });

    await expect(publisher.publishJson(names.directExchange, 'email', { id: 'c2' })).resolves.toBeUndefined();
  });
});
