import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { createLogger } from '@herald/logging';
import { STATUS_CHANNEL } from '@herald/contracts';
import { connectRedis, createPubSubChannel, type RedisConnection } from '@herald/redis';
import { startRedisSentinelGroup, waitFor, type RedisSentinelGroup } from '@herald/testkit';
import type { StatusEvent } from '../src/domain/notification';
import { startNotifications, type RunningNotifications } from './start-notifications';

const log = createLogger({ service: 'notifications-test', level: 'silent' });
const RECOVERY_BOUND_MS = 30_000;

let group: RedisSentinelGroup;
let service: RunningNotifications;
let subscriber: RedisConnection;
const received: StatusEvent[] = [];

beforeAll(async () => {
  group = await startRedisSentinelGroup();
  service = await startNotifications({
    env: { REDIS_SENTINELS: group.sentinelAddresses, REDIS_SENTINEL_NAME: group.masterName },
  });
  // Subscribes the way the gateway's status feed does, in Sentinel mode too.
  subscriber = connectRedis(
    {
      url: service.env.redisUrl,
      prefix: service.env.redisPrefix,
      sentinel: group.sentinel,
    },
    log,
  );
  await createPubSubChannel<StatusEvent>(subscriber, STATUS_CHANNEL, log).subscribe((event) =>
    received.push(event),
  );
});

afterAll(async () => {
  await subscriber?.close();
  await service?.stop();
  await group?.stop();
});

const send = (requestId: string) => service.sendWelcome({ requestId });

/** The idempotency index's keys for a request id on one server of the group. */
async function requestIndexKeysOn(port: number, requestId: string): Promise<string[]> {
  const direct = new Redis({ host: '127.0.0.1', port, maxRetriesPerRequest: 1, lazyConnect: true });
  try {
    await direct.connect();
    return await direct.keys(`${service.env.redisPrefix}cache:request:*:${requestId}`);
  } finally {
    direct.disconnect();
  }
}

describe('notifications on Redis Sentinel', () => {
  it('keeps its idempotency index on the primary and publishes status events across a failover', async () => {
    const requestId = `req-${randomUUID()}`;
    const id = await send(requestId);
    expect(await send(requestId)).toBe(id);
    await waitFor(() => received.some((event) => event.notificationId === id && event.status === 'QUEUED'), {
      description: 'the QUEUED event through the primary',
    });
    expect(await requestIndexKeysOn((await group.currentPrimary()).port, requestId)).toHaveLength(1);

    const { promoted } = await group.killPrimary();
    // Each report applies one change and publishes it; a publish in the gap is lost (the timeline
    // keeps it), so the test reports until an event published after the failover arrives.
    let reportsMade = 0;
    await waitFor(
      async () => {
        await service.statusClient.ReportStatus({
          notification_id: id,
          status: reportsMade % 2 === 0 ? 'SENDING' : 'RETRYING',
          attempt: Math.floor(reportsMade / 2) + 1,
          detail: '',
          timestamp: '',
        });
        reportsMade += 1;
        return received.some((event) => event.notificationId === id && event.status === 'SENDING');
      },
      {
        timeoutMs: RECOVERY_BOUND_MS,
        intervalMs: 200,
        description: 'a status event published after the failover',
      },
    );

    const again = `req-${randomUUID()}`;
    const second = await send(again);
    await waitFor(async () => (await requestIndexKeysOn(promoted.port, again)).length === 1, {
      timeoutMs: RECOVERY_BOUND_MS,
      description: 'the idempotency index written on the promoted replica',
    });
    expect(await send(again)).toBe(second);
  });
});
