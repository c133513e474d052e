import {
  createTestEnvironment,
  startTcpProxy,
  waitFor,
  type TcpProxy,
  type TestEnvironment,
} from '@herald/testkit';
import { promo, startNotifications, type RunningNotifications } from './start-notifications';

const SEND = `mutation Send($input: SendNotificationInput!) {
  sendNotification(input: $input) { notification { id status } }
}`;
const COUNT_QUEUED = `query Queued { notifications(filter: { status: QUEUED }, limit: 1) { meta { total } } }`;

const environment: TestEnvironment = createTestEnvironment();
let proxy: TcpProxy;
let service: RunningNotifications;

beforeAll(async () => {
  const broker = new URL(environment.amqpUrl);
  proxy = await startTcpProxy({ host: broker.hostname, port: Number(broker.port || 5672) });
  broker.host = `127.0.0.1:${proxy.port}`;
  service = await startNotifications({
    environment,
    // The relay reaches the broker only through the proxy; the test's own queue reads go direct.
    env: { AMQP_URL: broker.toString(), OUTBOX_POLL_MS: '100' },
  });
});

afterAll(async () => {
  await service?.stop();
  await proxy?.close();
  await environment.cleanup();
});

async function ready(): Promise<number> {
  return (await fetch(`http://127.0.0.1:${service.ports.http}/ready`)).status;
}

describe('a broker outage', () => {
  it('accepts 200 notifications while the broker is cut off, then queues each exactly once', async () => {
    proxy.cut();
    await waitFor(async () => (await ready()) === 503, { description: 'the service to see the broker gone' });

    const ids: string[] = [];
    for (let batch = 0; batch < 10; batch += 1) {
      const results = await Promise.all(
        Array.from({ length: 20 }, () =>
          service.graphql<{ sendNotification: { notification: { id: string; status: string } } }>(SEND, {
            input: promo(),
          }),
        ),
      );
      for (const result of results) {
        expect(result.errors).toBeUndefined();
        expect(result.data!.sendNotification.notification.status).toBe('ACCEPTED');
        ids.push(result.data!.sendNotification.notification.id);
      }
    }
    expect(await service.drainQueue(service.queues.push)).toHaveLength(0);

    proxy.restore();
    await waitFor(
      async () => {
        const result = await service.graphql<{ notifications: { meta: { total: number } } }>(COUNT_QUEUED);
        return result.data?.notifications.meta.total === 200;
      },
      { timeoutMs: 30_000, description: 'all 200 notifications to be queued after the broker is back' },
    );
    expect(await ready()).toBe(200);

    const messages = await service.drainQueue(service.queues.push);
    const queued = messages.map(
      (message) => (JSON.parse(message.content.toString()) as { notification_id: string }).notification_id,
    );
    expect(queued).toHaveLength(200);
    expect(new Set(queued)).toEqual(new Set(ids));
  });
});
