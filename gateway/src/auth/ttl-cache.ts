import { createLruCache } from '@herald/redis';

/** A small in-process LRU whose entries also expire, each after its own time. */
export interface TtlCache<V> {
  get(key: string): V | undefined;
  set(key: string, value: V, ttlMs: number): void;
}

export function createTtlCache<V>(maxEntries: number, now: () => number = Date.now): TtlCache<V> {
  const entries = createLruCache<string, { value: V; expiresAt: number }>(maxEntries);
  return {
    get(key) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (entry.expiresAt > now()) return entry.value;
      entries.delete(key);
      return undefined;
    },
    set(key, value, ttlMs) {
      if (ttlMs <= 0) return;
      entries.set(key, { value, expiresAt: now() + ttlMs });
    },
  };
}
