import { Redis } from 'ioredis';
import { Registry } from 'prom-client';
import type { RedisSettings } from '@herald/config';
import { startRedisSentinelGroup, startSilentPeer, waitFor, type RedisSentinelGroup } from '@herald/testkit';
import { createLocalCache } from '@herald/cache';
import { createCache, createChangeFeed, createPubSubChannel, type RedisConnection } from '../src';
import { redisConnections } from './redis-connections';

const { log, environment, open, closeAll } = redisConnections('sentinel-test');
const FEED = { channel: 'things:changed', field: 'id' };
/** How long every use may take to work again after the primary is killed. */
const RECOVERY_BOUND_MS = 30_000;

let group: RedisSentinelGroup;

beforeAll(async () => {
  group = await startRedisSentinelGroup();
});

afterAll(async () => {
  await closeAll();
  await group?.stop();
});

/** Sentinel mode as a service gets it from REDIS_SENTINELS and REDIS_SENTINEL_NAME; the URL's host is not used. */
function sentinelMode(): Partial<RedisSettings> {
  return { sentinel: group.sentinel };
}

/** One command to one server of the group (or a sentinel), on a connection of its own. */
async function askRedis(port: number, command: string, ...args: string[]): Promise<unknown> {
  const direct = new Redis({ host: '127.0.0.1', port, maxRetriesPerRequest: 1, lazyConnect: true });
  try {
    await direct.connect();
    return await direct.call(command, ...args);
  } finally {
    direct.disconnect();
  }
}

const readOn = (port: number, key: string) => askRedis(port, 'GET', key);

async function ready(redis: RedisConnection): Promise<void> {
  await waitFor(() => redis.check().then(() => true), { description: 'the primary through the sentinels' });
}

interface Uses {
  readonly writer: RedisConnection;
  /** A round trip through the JSON cache: set, then read back. */
  cacheWorks(value: number): Promise<boolean>;
  /** Whether a change announced on one connection dropped the copy cached beside the other. */
  invalidationWorks(id: string): Promise<boolean>;
  /** Publishes a numbered message; the numbers received so far on the other connection. */
  publish(number: number): Promise<void>;
  readonly received: number[];
  /** A write by a Lua script, as the gateway's rate limit makes. */
  counterWorks(): Promise<boolean>;
}

/** Every kind of Redis use, on two connections in Sentinel mode: one reads and listens, the other writes and announces. */
async function startUses(): Promise<Uses> {
  const reader = open(sentinelMode());
  const writer = open(sentinelMode());
  await Promise.all([ready(reader), ready(writer)]);
  const cache = createCache<number>(writer, { namespace: 'n', ttlSeconds: 60 }, new Registry(), log);
  const copies = createLocalCache<string>({ capacity: 10, ttlMs: 60_000 });
  const listening = createChangeFeed(reader, FEED, log);
  listening.onChange((id) => copies.invalidate(id));
  await listening.listen(5000);
  const announcing = createChangeFeed(writer, FEED, log);
  const received: number[] = [];
  await createPubSubChannel<{ number: number }>(reader, 'status', log).subscribe((message) =>
    received.push(message.number),
  );
  const publishing = createPubSubChannel<{ number: number }>(writer, 'status', log);
  let counted = 0;
  return {
    writer,
    async cacheWorks(value) {
      await cache.set('k', value);
      return (await cache.get('k')) === value;
    },
    async invalidationWorks(id) {
      await copies.getOrLoad(id, '', async () => 'cached');
      await announcing.announce(id);
      return waitFor(() => copies.peek(id, '') === undefined, { timeoutMs: 1000, intervalMs: 20 }).then(
        () => true,
        () => false,
      );
    },
    publish: (number) => publishing.publish({ number }),
    received,
    async counterWorks() {
      const reply = await writer.client.eval(
        "local n = redis.call('INCR', KEYS[1]); redis.call('PEXPIRE', KEYS[1], 60000); return n",
        1,
        'counter',
      );
      counted += 1;
      return Number(reply) >= counted;
    },
  };
}

describe('Redis Sentinel mode (REDIS_SENTINELS, REDIS_SENTINEL_NAME)', () => {
  it('serves the cache, a script counter, the change feed and pub/sub from the primary the sentinels name', async () => {
    const uses = await startUses();
    expect(await uses.cacheWorks(1)).toBe(true);
    expect(await uses.counterWorks()).toBe(true);
    expect(await uses.invalidationWorks('ada')).toBe(true);
    await uses.publish(1);
    await waitFor(() => uses.received.includes(1), { description: 'the published message' });

    // The writes went to the group's primary, not to the server REDIS_URL names.
    const primary = await group.currentPrimary();
    expect(await readOn(primary.port, `${environment.redisPrefix}cache:n:k`)).toBe('1');
    expect(await readOn(6379, `${environment.redisPrefix}cache:n:k`)).toBeNull();
  });

  it('finds the primary past a sentinel that accepts connections and never answers', async () => {
    const hung = await startSilentPeer();
    try {
      const [host, port] = hung.address.split(':');
      const { sentinel } = sentinelMode();
      const redis = open({
        sentinel: {
          name: group.masterName,
          addresses: [{ host: host as string, port: Number(port) }, ...(sentinel?.addresses ?? [])],
        },
      });
      await ready(redis);
      expect(hung.accepted()).toBeGreaterThan(0);
    } finally {
      await hung.close();
    }
  });

  it('reconnects when a write is refused as READONLY, so a demoted primary is left for the current one', async () => {
    const onReplica = open({ url: `redis://127.0.0.1:${group.replica.port}` });
    await ready(onReplica);
    let reconnecting = false;
    onReplica.client.once('reconnecting', () => (reconnecting = true));
    await expect(onReplica.client.set('k', 'v')).rejects.toThrow(/READONLY/);
    await waitFor(() => reconnecting, { description: 'the connection to reconnect' });
  });

  it('moves to the new primary when the sentinels demote the old one without killing it', async () => {
    const uses = await startUses();
    expect(await uses.cacheWorks(1)).toBe(true);
    const demoted = await group.currentPrimary();

    // A manual failover: the old primary stays up and becomes a replica that refuses writes.
    const sentinel = group.sentinels[0]?.port as number;
    await waitFor(async () => (await askRedis(sentinel, 'SENTINEL', 'FAILOVER', group.masterName)) === 'OK', {
      description: 'the sentinels to accept a manual failover',
    });
    const promoted = await waitFor(
      async () => {
        const primary = await group.currentPrimary();
        return primary.port !== demoted.port && primary;
      },
      { timeoutMs: RECOVERY_BOUND_MS, description: 'the replica to be promoted' },
    );
    await waitFor(async () => String(await askRedis(demoted.port, 'ROLE')).startsWith('slave'), {
      timeoutMs: RECOVERY_BOUND_MS,
      description: 'the old primary to serve as a replica',
    });

    await waitFor(() => uses.cacheWorks(3), { timeoutMs: RECOVERY_BOUND_MS, description: 'the cache' });
    expect(await readOn(promoted.port, `${environment.redisPrefix}cache:n:k`)).toBe('3');
    await waitFor(() => uses.counterWorks(), { timeoutMs: RECOVERY_BOUND_MS, description: 'the counter' });
    await waitFor(() => uses.invalidationWorks('ada'), {
      timeoutMs: RECOVERY_BOUND_MS,
      description: 'an invalidation',
    });
    let number = 100;
    await waitFor(
      async () => {
        number += 1;
        await uses.publish(number).catch(() => undefined);
        return uses.received.some((received) => received > 100);
      },
      {
        timeoutMs: RECOVERY_BOUND_MS,
        intervalMs: 100,
        description: 'a message published after the failover',
      },
    );
  });

  it('works again on the promoted replica after the primary is killed, subscriptions included', async () => {
    const uses = await startUses();
    expect(await uses.cacheWorks(1)).toBe(true);

    // Readiness is asked throughout the failover: each check must settle, and report down in the gap.
    const checks: ('up' | 'down')[] = [];
    let failingOver = true;
    const checking = (async () => {
      while (failingOver) {
        checks.push(
          await uses.writer.check().then(
            () => 'up' as const,
            () => 'down' as const,
          ),
        );
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();
    const failover = await failOverAndRecover(uses).finally(async () => {
      failingOver = false;
      await checking;
    });

    expect(checks).toContain('down');
    expect(await uses.writer.check().then(() => 'up')).toBe('up');
    expect(await readOn(failover.promotedPort, `${environment.redisPrefix}cache:n:k`)).toBe('2');
    console.log(
      `sentinel failover, ms after SIGKILL of the primary: ${JSON.stringify(failover.afterKillMs)}`,
    );
  });
});

/** Kills the primary, then waits until every use works again; the time each took after the kill. */
async function failOverAndRecover(
  uses: Uses,
): Promise<{ promotedPort: number; afterKillMs: Record<string, number> }> {
  const killedAt = Date.now();
  const { killed, promoted } = await group.killPrimary();
  const promotedMs = Date.now() - killedAt;
  expect(promoted.port).not.toBe(killed.port);
  const recovered = async (description: string, probe: () => Promise<boolean>) => {
    await waitFor(probe, { timeoutMs: RECOVERY_BOUND_MS, intervalMs: 100, description });
    return Date.now() - killedAt;
  };
  let number = 1;
  const [cache, counter, changeFeed, pubSub] = await Promise.all([
    recovered('the cache on the new primary', () => uses.cacheWorks(2)),
    recovered('the script counter on the new primary', () => uses.counterWorks()),
    recovered('an invalidation through the new primary', () => uses.invalidationWorks('grace')),
    recovered('a message published after the failover', async () => {
      number += 1;
      await uses.publish(number).catch(() => undefined);
      return uses.received.some((received) => received > 1);
    }),
  ]);
  return {
    promotedPort: promoted.port,
    afterKillMs: { promoted: promotedMs, cache, counter, changeFeed, pubSub },
  };
}
