import { LRUCache } from 'lru-cache';
import { clockOptions, lruTtl, type Clock } from './clock';
import { shareLoads } from './share-loads';

/** A loaded value and how long it may be used. */
export interface Expiring<V> {
  readonly value: V;
  readonly ttlMs: number;
}

/** A small in-process LRU whose entries also expire, each after its own time. */
export interface TtlCache<V> {
  get(key: string): V | undefined;
  /** Remembers the value for ttlMs; a ttl of a millisecond or less remembers nothing. */
  set(key: string, value: V, ttlMs: number): void;
  /**
   * The remembered value, else load()'s, remembered for the time it names. Concurrent misses of
   * a key share one load; a failed load is not remembered.
   */
  getOrLoad(key: string, load: () => Promise<Expiring<V>>): Promise<V>;
}

export function createTtlCache<V extends NonNullable<unknown>>(maxEntries: number, now?: Clock): TtlCache<V> {
  const entries = new LRUCache<string, V>({ max: maxEntries, ...clockOptions(now) });
  const share = shareLoads<string, V>();
  const set = (key: string, value: V, ttlMs: number) => {
    const ttl = lruTtl(ttlMs);
    if (ttl > 0) entries.set(key, value, { ttl });
  };
  return {
    get: (key) => entries.get(key),
    set,
    getOrLoad(key, load) {
      const remembered = entries.get(key);
      if (remembered !== undefined) return Promise.resolve(remembered);
      return share(key, async () => {
        const { value, ttlMs } = await load();
        set(key, value, ttlMs);
        return value;
      });
    },
  };
}
