import { createLruCache } from './lru-cache';

export interface ResolutionCache<V> {
  /**
   * The remembered value for (code, key), else `load()`'s result, remembered unless the code was
   * invalidated while it loaded (it may predate the change that caused the invalidation).
   */
  getOrLoad(code: string, key: string, load: () => Promise<V>): Promise<V>;
  /** Forgets every value of the code, including loads already under way. */
  invalidate(code: string): void;
}

interface Entry<V> {
  readonly value: V;
  readonly generation: number;
  readonly expiresAt: number;
}

/**
 * Remembers what a lookup resolved to for a bounded time. Invalidation bumps a per-code
 * generation instead of scanning entries, so it costs the same whatever the cache holds.
 */
export function createResolutionCache<V>(options: {
  readonly capacity: number;
  readonly ttlMs: number;
  readonly now?: () => number;
}): ResolutionCache<V> {
  const now = options.now ?? Date.now;
  const entries = createLruCache<string, Entry<V>>(options.capacity);
  const generations = new Map<string, number>();
  const generationOf = (code: string) => generations.get(code) ?? 0;

  return {
    async getOrLoad(code, key, load) {
      const entryKey = `${code}\u0000${key}`;
      const entry = entries.get(entryKey);
      if (entry && entry.generation === generationOf(code) && entry.expiresAt > now()) return entry.value;
      const generation = generationOf(code);
      const value = await load();
      if (generation === generationOf(code)) {
        entries.set(entryKey, { value, generation, expiresAt: now() + options.ttlMs });
      }
      return value;
    },
    invalidate(code) {
      generations.set(code, generationOf(code) + 1);
    },
  };
}
