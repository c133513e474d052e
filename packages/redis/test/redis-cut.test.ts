import { setTimeout as delay } from 'node:timers/promises';
import { Registry } from 'prom-client';
import { createLogger } from '@herald/logging';
import { createTestEnvironment, startTcpProxy, waitFor, type TcpProxy } from '@herald/testkit';
import { connectRedis, createCache, type RedisConnection } from '../src';

const log = createLogger({ service: 'redis-cut-test', level: 'silent' });
const environment = createTestEnvironment();
let proxy: TcpProxy;
let redis: RedisConnection;

beforeAll(async () => {
  const url = new URL(environment.redisUrl);
  proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port) });
  redis = connectRedis({ url: `redis://127.0.0.1:${proxy.port}`, prefix: environment.redisPrefix }, log);
  await waitFor(() => redis.check().then(() => true), { description: 'redis ready' });
});

afterAll(async () => {
  proxy.restore();
  await redis.close();
  await proxy.close();
  await environment.cleanup();
});

/** Settles with the promise, or with 'still waiting' after `ms`. */
function within<T>(promise: Promise<T>, ms: number): Promise<T | 'still waiting'> {
  return Promise.race([promise, delay(ms).then(() => 'still waiting' as const)]);
}

describe('a cache whose Redis connection is cut (connections accepted, then dropped)', () => {
  it('falls back to the source at once instead of waiting for Redis to come back', async () => {
    const cache = createCache<number>(redis, { namespace: 'cut', ttlSeconds: 60 }, new Registry(), log);
    let loads = 0;
    expect(await cache.getOrLoad('k', async () => ++loads)).toBe(1);
    proxy.cut();
    for (let round = 0; round < 5; round += 1) {
      expect(
        await within(
          cache.getOrLoad(`k${round}`, async () => ++loads),
          3_000,
        ),
      ).toBe(round + 2);
      await delay(300);
    }
  }, 30_000);
});
