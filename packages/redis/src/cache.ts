import { Counter, type Registry } from 'prom-client';
import type { Logger } from '@herald/logging';
import type { RedisConnection } from './connect-redis';

export interface CacheOptions {
  /** Part of the key and the metric label, e.g. "user". */
  readonly namespace: string;
  readonly ttlSeconds: number;
}

export interface Cache<T> {
  /** The cached value, or `load()`'s result stored for next time. Redis failures fall back to `load`. */
  getOrLoad(key: string, load: () => Promise<T>): Promise<T>;
  get(key: string): Promise<T | undefined>;
  set(key: string, value: T): Promise<void>;
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
  return {
    get,
    set,
    async getOrLoad(key, load) {
      const cached = await get(key);
      if (cached !== undefined) return cached;
      const value = await load();
      await set(key, value);
      return value;
    },
    async delete(...keys) {
      if (keys.length === 0) return;
      // Invalidation must not be lost silently: the caller decides what a failure means.
      await redis.client.del(...keys.map(keyOf));
    },
  };
}
