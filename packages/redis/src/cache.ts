import { Counter, type Registry } from 'prom-client';
import { fillMisses, shareLoads, type SharedLoads } from '@herald/cache';
import type { Logger } from '@herald/logging';
import type { RedisConnection } from './connect-redis';

export interface CacheOptions {
  /** Part of the key and the metric label, e.g. "user". */
  readonly namespace: string;
  readonly ttlSeconds: number;
}

export interface Cache<T> {
  /**
   * The cached value, else `load()`'s, stored for next time unless it is undefined (not found).
   * Concurrent misses of a key, in this process, share one load; a failed load is not kept, so
   * the next read loads again. Redis failures fall back to loading.
   */
  getOrLoad<R extends T | undefined>(key: string, load: () => Promise<R>): Promise<R>;
  /**
   * The values of `keys`, in their order: cached ones from Redis, the others from `loadMissing`,
   * called once with the missing keys not already loading (a key it leaves out is not found:
   * undefined, and not stored). Misses share loads with every other read of this cache.
   */
  getOrLoadMany(
    keys: readonly string[],
    loadMissing: (keys: string[]) => Promise<ReadonlyMap<string, T>>,
  ): Promise<(T | undefined)[]>;
  get(key: string): Promise<T | undefined>;
  set(key: string, value: T): Promise<void>;
  /** Also voids this process's loads of the keys under way: later reads load again, and their values are not stored. */
  delete(...keys: string[]): Promise<void>;
}

const counters = new WeakMap<Registry, Counter<'cache' | 'result'>>();

function cacheCounter(registry: Registry): Counter<'cache' | 'result'> {
  let counter = counters.get(registry);
  if (!counter) {
    counter = new Counter({
      name: 'herald_cache_requests_total',
      help: 'Cache lookups by cache and result (hit, miss, error).',
      labelNames: ['cache', 'result'],
      registers: [registry],
    });
    counters.set(registry, counter);
  }
  return counter;
}

/** A JSON read-through cache in Redis that fails open: when Redis is down, every call loads. */
export function createCache<T>(
  redis: RedisConnection,
  options: CacheOptions,
  registry: Registry,
  log: Logger,
): Cache<T> {
  const counter = cacheCounter(registry);
  const keyOf = (key: string) => `cache:${options.namespace}:${key}`;
  const count = (result: 'hit' | 'miss' | 'error') => counter.inc({ cache: options.namespace, result });

  const get = async (key: string): Promise<T | undefined> => {
    try {
      const raw = await redis.client.get(keyOf(key));
      count(raw === null ? 'miss' : 'hit');
      return raw === null ? undefined : (JSON.parse(raw) as T);
    } catch (error) {
      count('error');
      log.debug({ err: error, cache: options.namespace }, 'cache read failed');
      return undefined;
    }
  };
  const set = async (key: string, value: T): Promise<void> => {
    try {
      await redis.client.set(keyOf(key), JSON.stringify(value), 'EX', options.ttlSeconds);
    } catch (error) {
      log.debug({ err: error, cache: options.namespace }, 'cache write failed');
    }
  };
  // A key's entry lives while its load is under way; delete() drops it, voiding that load.
  const loading = new Map<string, SharedLoads<string, T | undefined>>();
  /**
   * Joins the key's load under way, else starts `load`. Its value is stored unless it is
   * undefined or the key was deleted meanwhile: it may then predate the change deleted for.
   */
  const loadShared = (key: string, load: () => Promise<T | undefined>): Promise<T | undefined> => {
    const share = loading.get(key) ?? shareLoads<string, T | undefined>();
    loading.set(key, share);
    return share(key, async () => {
      try {
        const value = await load();
        if (value !== undefined && loading.get(key) === share) await set(key, value);
        return value;
      } finally {
        if (loading.get(key) === share) loading.delete(key);
      }
    });
  };

  return {
    get,
    set,
    async getOrLoad<R extends T | undefined>(key: string, load: () => Promise<R>) {
      const cached = await get(key);
      if (cached !== undefined) return cached as R;
      return (await loadShared(key, load)) as R;
    },
    async getOrLoadMany(keys, loadMissing) {
      const cached = await Promise.all(keys.map(get));
      // A key stays in `loading` until its shared load settles: a batch miss joins it.
      return fillMisses(
        keys,
        cached,
        { isLoading: (key) => loading.has(key), load: loadShared },
        loadMissing,
      );
    },
    async delete(...keys) {
      if (keys.length === 0) return;
      for (const key of keys) loading.delete(key);
      // Invalidation must not be lost silently: the caller decides what a failure means.
      await redis.client.del(...keys.map(keyOf));
    },
  };
}
