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

/** A loader that counts its calls and answers only when released. */
function heldLoad<T>() {
  let calls = 0;
  let release: (value: T) => void = () => undefined;
  let fail: (error: Error) => void = () => undefined;
  return {
    load: () => {
      calls += 1;
      return new Promise<T>((resolve, reject) => {
        release = resolve;
        fail = reject;
      });
    },
    get calls() {
      return calls;
    },
    release: (value: T) => release(value),
    fail: (error: Error) => fail(error),
  };
}

/** Resolves once `count` reads of the cache have missed in Redis, so each has gone on to load. */
async function missesCounted(registry: Registry, namespace: string, count: number): Promise<void> {
  const misses = new RegExp(`herald_cache_requests_total\\{cache="${namespace}",result="miss"\\} ${count}\n`);
  await waitFor(async () => misses.test(await registry.metrics()), { description: `${count} misses` });
}

describe('createCache loads', () => {
  const READS = 5;

  const openReady = async () => {
    const redis = open();
    await waitFor(() => redis.check().then(() => true), { description: 'redis ready' });
    return redis;
  };

  it('shares one load between concurrent reads of a missing key', async () => {
    const redis = await openReady();
    const registry = new Registry();
    const cache = createCache<string>(redis, { namespace: 'shared', ttlSeconds: 60 }, registry, log);
    const loader = heldLoad<string>();
    const reads = Array.from({ length: READS }, () => cache.getOrLoad('ada', loader.load));
    await missesCounted(registry, 'shared', READS);
    loader.release('Ada');
    expect(await Promise.all(reads)).toEqual(Array.from({ length: READS }, () => 'Ada'));
    expect(loader.calls).toBe(1);
    expect(await cache.get('ada')).toBe('Ada');
  });

  it('keeps no failed load: the next read loads again', async () => {
    const redis = await openReady();
    const registry = new Registry();
    const cache = createCache<string>(redis, { namespace: 'failing', ttlSeconds: 60 }, registry, log);
    const loader = heldLoad<string>();
    const reads = Array.from({ length: READS }, () => cache.getOrLoad('ada', loader.load));
    await missesCounted(registry, 'failing', READS);
    const failure = new Error('the database is down');
    loader.fail(failure);
    for (const read of reads) await expect(read).rejects.toBe(failure);
    expect(loader.calls).toBe(1);

    const retry = cache.getOrLoad('ada', loader.load);
    await waitFor(() => loader.calls === 2, { description: 'the next load' });
    loader.release('Ada');
    expect(await retry).toBe('Ada');
    expect(await cache.get('ada')).toBe('Ada');
  });

  it('loads the missing keys of concurrent batch reads once, together, joining loads under way', async () => {
    const redis = await openReady();
    const registry = new Registry();
    const cache = createCache<string>(redis, { namespace: 'batch', ttlSeconds: 60 }, registry, log);
    await cache.set('linus', 'Linus');
    const batches: string[][] = [];
    const loader = heldLoad<ReadonlyMap<string, string>>();
    const loadMissing = (keys: string[]) => {
      batches.push(keys);
      return loader.load();
    };
    const reads = Array.from({ length: READS }, () =>
      cache.getOrLoadMany(['ada', 'linus', 'grace'], loadMissing),
    );
    await missesCounted(registry, 'batch', READS * 2);
    loader.release(new Map([['ada', 'Ada']]));
    // grace is not found: undefined, and not stored.
    expect(await Promise.all(reads)).toEqual(
      Array.from({ length: READS }, () => ['Ada', 'Linus', undefined]),
    );
    expect(batches).toEqual([['ada', 'grace']]);
    expect([await cache.get('ada'), await cache.get('grace')]).toEqual(['Ada', undefined]);
  });

  it('does not share or store a load that was under way when its key was deleted', async () => {
    const redis = await openReady();
    const cache = createCache<string>(redis, { namespace: 'deleted', ttlSeconds: 60 }, new Registry(), log);
    const stale = heldLoad<string>();
    const before = cache.getOrLoad('ada', stale.load);
    await waitFor(() => stale.calls === 1, { description: 'the load under way' });
    await cache.delete('ada');
    expect(await cache.getOrLoad('ada', async () => 'Ada, renamed')).toBe('Ada, renamed');
    stale.release('Ada');
    expect(await before).toBe('Ada');
    expect(await cache.get('ada')).toBe('Ada, renamed');
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
