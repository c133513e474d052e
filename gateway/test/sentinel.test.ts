import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { STATUS_CHANNEL } from '@herald/contracts';
import { connectRedis, createPubSubChannel, type RedisConnection } from '@herald/redis';
import { startRedisSentinelGroup, waitFor, type RedisSentinelGroup } from '@herald/testkit';
import { log, request, startHarness, tokenFor, type Harness } from './harness/gateway-harness';

const USER = 'cccccccc-0000-4000-8000-0000000000c1';
const RECOVERY_BOUND_MS = 30_000;

/** The gateway in Sentinel mode: its rate limit, status subscriptions and readiness across a failover. */
describe('the gateway on Redis Sentinel', () => {
  let group: RedisSentinelGroup;
  let harness: Harness;
  let meteredUrl: string;
  let publisher: RedisConnection;
  let client: Client | undefined;

  beforeAll(async () => {
    group = await startRedisSentinelGroup();
    const sentinelEnv = { REDIS_SENTINELS: group.sentinelAddresses, REDIS_SENTINEL_NAME: group.masterName };
    harness = await startHarness(sentinelEnv);
    harness.state.addUser({ id: USER, email: 'c@example.com', name: 'C', password: 'password-c' });
    // A token every five seconds and a bucket of three: the fourth quick request is refused.
    meteredUrl = await harness.startGateway({ RATE_LIMIT_PER_SECOND: '0.2', RATE_LIMIT_BURST: '3' });
    // Publishes as notifications does, through the sentinels' primary.
    publisher = connectRedis(
      {
        url: harness.env.redisUrl,
        prefix: harness.env.redisPrefix,
        sentinel: group.sentinel,
      },
      log,
    );
  });

  afterAll(async () => {
    await client?.dispose();
    await publisher?.close();
    await harness?.stop();
    await group?.stop();
  });

  const ready = async () => {
    const response = await request<{ checks: Record<string, string> }>(`${harness.url}/ready`);
    return { status: response.status, redis: response.body.checks.redis };
  };

  /** Four requests at once with a fresh API key: `metered` when Redis counted them, and how many were refused. */
  const burst = async (key: string) => {
    const responses = await Promise.all(
      [1, 2, 3, 4].map(() =>
        request(`${meteredUrl}/api/v1/notifications?limit=1`, { headers: { 'x-api-key': key } }),
      ),
    );
    return {
      metered: responses.every((response) => response.headers.has('ratelimit-remaining')),
      refused: responses.filter((response) => response.status === 429).length,
    };
  };

  it('meters, streams status events and reports ready through the primary, and again after it is killed', async () => {
    await waitFor(async () => (await ready()).status === 200, { description: 'the gateway ready' });
    expect(await burst('key-sender')).toEqual({ metered: true, refused: 1 });

    const notification = harness.state.addNotification({ userId: USER, status: 'QUEUED' });
    client = createClient({
      url: `${harness.url.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: tokenFor(USER) },
      retryAttempts: 0,
      lazy: false,
      onNonLazyError: () => undefined,
    });
    const received: (number | null)[] = [];
    const errors: unknown[] = [];
    client.subscribe<{ notificationStatusChanged: { sequence: number | null } }>(
      {
        query:
          'subscription ($id: ID) { notificationStatusChanged(notificationId: $id) { status sequence } }',
        variables: { id: notification.id },
      },
      {
        next: (result) => {
          if (result.data) received.push(result.data.notificationStatusChanged.sequence);
        },
        error: (error) => errors.push(error),
        complete: () => undefined,
      },
    );
    const channel = createPubSubChannel<Record<string, unknown>>(publisher, STATUS_CHANNEL, log);
    let sequence = 0;
    const publishNext = () => {
      sequence += 1;
      return channel.publish({
        notificationId: notification.id,
        userId: USER,
        status: 'SENDING',
        at: new Date(Date.now() + sequence * 1000).toISOString(),
        detail: null,
        sequence,
      });
    };
    await waitFor(() => received.length === 1, { description: 'the current status' });
    await publishNext();
    await waitFor(() => received.includes(1), { description: 'an event before the failover' });

    // /ready is asked throughout the failover: every answer must come, and say Redis is down in the gap.
    const readiness: { status: number; redis: string | undefined }[] = [];
    let failingOver = true;
    const polling = (async () => {
      while (failingOver) {
        readiness.push(await ready());
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();
    try {
      await group.killPrimary();
      const lastBefore = sequence;
      await waitFor(
        async () => {
          await publishNext().catch(() => undefined);
          return received.some((seen) => seen !== null && seen > lastBefore);
        },
        {
          timeoutMs: RECOVERY_BOUND_MS,
          intervalMs: 200,
          description: 'an event published after the failover',
        },
      );
      await waitFor(async () => (await ready()).status === 200, {
        timeoutMs: RECOVERY_BOUND_MS,
        description: 'the gateway ready again',
      });
    } finally {
      failingOver = false;
      await polling;
    }

    expect(errors).toEqual([]);
    expect(readiness.some(({ status, redis }) => status === 503 && redis !== 'ok')).toBe(true);
    await waitFor(async () => (await burst('key-status-reporter')).metered, {
      timeoutMs: RECOVERY_BOUND_MS,
      description: 'the rate limit metering on the new primary',
    });
    expect(await burst('key-without-scopes')).toEqual({ metered: true, refused: 1 });
  });
});
