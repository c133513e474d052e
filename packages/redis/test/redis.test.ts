import { Registry } from 'prom-client';
import { freePort, waitFor } from '@herald/testkit';
import { createCache, createPubSubChannel } from '../src';
import { redisConnections } from './redis-connections';

const { log, open, closeAll } = redisConnections('redis-test');

afterAll(closeAll);

describe('createCache', () => {
  it('loads once, then answers from Redis under the prefix', async () => {
    const redis = open();
    await waitFor(() => redis.check().then(() => true), { description: 'redis ready' });
    const cache = createCache<{ name: string }>(
      redis,
      { namespace: 'user', ttlSeconds: 60 },
      new Registry(),
      log,
    );
    let loads = 0;
    const load = async () => ({ name: `Ada ${++loads}` });
    expect(await cache.getOrLoad('u1', load)).toEqual({ name: 'Ada 1' });
    expect(await cache.getOrLoad('u1', load)).toEqual({ name: 'Ada 1' });
    expect(loads).toBe(1);
    expect(await redis.client.exists('cache:user:u1')).toBe(1);
    expect(await redis.client.ttl('cache:user:u1')).toBeGreaterThan(0);

    await cache.delete('u1');
    expect(await cache.getOrLoad('u1', load)).toEqual({ name: 'Ada 2' });
  });

  it('fails open: with Redis unreachable every call loads from the source', async () => {
    const down = open({ url: `redis://127.0.0.1:${await freePort()}` });
    const registry = new Registry();
    const cache = createCache<number>(down, { namespace: 'n', ttlSeconds: 60 }, registry, log);
    let loads = 0;
    await cache.getOrLoad('k', async () => ++loads);
    await cache.getOrLoad('k', async () => ++loads);
    expect(loads).toBe(2);
    expect(await registry.metrics()).toMatch(/herald_cache_requests_total\{cache="n",result="error"\} 2/);
  });
});

describe('createPubSubChannel', () => {
  it('delivers a message published by one connection to a subscriber on another', async () => {
    const publisherSide = createPubSubChannel<{ id: string }>(open(), 'status', log);
    const subscriberSide = createPubSubChannel<{ id: string }>(open(), 'status', log);
    const received: { id: string }[] = [];
    const unsubscribe = await subscriberSide.subscribe((message) => received.push(message));
    await publisherSide.publish({ id: 'n-1' });
    await waitFor(() => received.length === 1, { description: 'the published message' });
    unsubscribe();
    expect(received).toEqual([{ id: 'n-1' }]);
  });
});
