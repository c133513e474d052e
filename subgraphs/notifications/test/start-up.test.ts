import { connectAmqp } from '@herald/amqp';
import { UnreachableDependencyError } from '@herald/config';
import { createLogger } from '@herald/logging';
import { createTestEnvironment, freePort } from '@herald/testkit';
import { createApp } from '../src/app';
import { loadNotificationsConfig } from '../src/config';
import { startNotifications } from './start-notifications';

const log = createLogger({ service: 'notifications', level: 'silent' });
const env = createTestEnvironment();

afterAll(() => env.cleanup());

describe('notifications start-up', () => {
  it('names DATABASE_URL when the database cannot be reached', async () => {
    const config = loadNotificationsConfig({
      DATABASE_URL: `postgres://postgres@127.0.0.1:${await freePort()}`,
      PORT: '0',
      GRPC_PORT: '0',
    });
    const attempt = createApp(config, log);
    await expect(attempt).rejects.toBeInstanceOf(UnreachableDependencyError);
    await expect(attempt).rejects.toThrow(/^cannot start: DATABASE_URL is unreachable/);
  });

  it('names AMQP_URL when the broker cannot be reached', async () => {
    const config = loadNotificationsConfig({
      DATABASE_URL: env.databaseUrl('notifications'),
      AMQP_URL: `amqp://guest:guest@127.0.0.1:${await freePort()}`,
      PORT: '0',
      GRPC_PORT: '0',
    });
    await expect(createApp(config, log)).rejects.toThrow(/^cannot start: AMQP_URL is unreachable/);
  });

  it('refuses to start when a queue exists with the other type, naming it, both types and the README section', async () => {
    const classic = await connectAmqp(env.amqpUrl, env.amqpPrefix, log);
    await classic.close();
    const config = loadNotificationsConfig({
      DATABASE_URL: env.databaseUrl('notifications'),
      AMQP_URL: env.amqpUrl,
      AMQP_PREFIX: env.amqpPrefix,
      AMQP_QUEUE_TYPE: 'quorum',
      PORT: '0',
      GRPC_PORT: '0',
    });
    await expect(createApp(config, log)).rejects.toThrow(
      new RegExp(
        `^cannot start: queue ${env.amqpPrefix.replace('.', '\\.')}failed\\.queue exists as a classic queue, ` +
          'but AMQP_QUEUE_TYPE=quorum declares it as a quorum queue.*"RabbitMQ cluster and quorum queues"',
      ),
    );
  });

  it('reports the database and the broker as ready', async () => {
    const service = await startNotifications();
    try {
      const response = await fetch(`http://127.0.0.1:${service.ports.http}/ready`);
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({
        status: 'ready',
        checks: { database: 'ok', broker: 'ok' },
      });
    } finally {
      await service.stop();
    }
  });
});
