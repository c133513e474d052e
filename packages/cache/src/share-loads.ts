/** Loads a key's value; a call while that key's load is under way shares its outcome. */
export interface SharedLoads<K, T> {
  (key: K, load: () => Promise<T>): Promise<T>;
  /** Whether a load of the key is under way. */
  has(key: K): boolean;
}

/**
 * Concurrent misses of one key start one load instead of a stampede. Only loads under way are
 * held: a settled load, failed or not, is forgotten, so the next call loads again.
 */
export function shareLoads<K, T>(): SharedLoads<K, T> {
  const pending = new Map<K, Promise<T>>();
  const share = (key: K, load: () => Promise<T>): Promise<T> => {
    const shared = pending.get(key);
    if (shared) return shared;
    const loading = (async () => load())().finally(() => pending.delete(key));
    pending.set(key, loading);
    return loading;
  };
  return Object.assign(share, { has: (key: K) => pending.has(key) });
}

/** A cache's shared loads, as a batch read joins them. */
export interface BatchLoads<K, T> {
  /** Whether a load of the key is under way. */
  isLoading(key: K): boolean;
  /** Joins the key's load under way, else starts `load`, which others then join. */
  load(key: K, load: () => Promise<T | undefined>): Promise<T | undefined>;
}

/**
 * The batch form of shared loads: the values of `keys`, `found`'s where it has one (same order),
 * else loaded. A missing key with a load under way joins it; the other missing keys load
 * together, in one call of `loadMissing` (a key it leaves out is not found: undefined).
 */
export async function fillMisses<K, T>(
  keys: readonly K[],
  found: readonly (T | undefined)[],
  loads: BatchLoads<K, T>,
  loadMissing: (keys: K[]) => Promise<ReadonlyMap<K, T>>,
): Promise<(T | undefined)[]> {
  const missing = [...new Set(keys.filter((_, index) => found[index] === undefined))];
  const unclaimed = missing.filter((key) => !loads.isLoading(key));
  const together = unclaimed.length > 0 ? loadMissing(unclaimed) : undefined;
  const loaded = await Promise.all(
    missing.map((key) => loads.load(key, async () => (await together)?.get(key))),
  );
  const loadedByKey = new Map(missing.map((key, index) => [key, loaded[index]]));
  return keys.map((key, index) => (found[index] === undefined ? loadedByKey.get(key) : found[index]));
}
