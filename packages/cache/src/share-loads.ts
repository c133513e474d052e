/** Loads a key's value; a call while that key's load is under way shares its outcome. */
export type SharedLoads<K, T> = (key: K, load: () => Promise<T>) => Promise<T>;

/**
 * Concurrent misses of one key start one load instead of a stampede. Only loads under way are
 * held: a settled load, failed or not, is forgotten, so the next call loads again.
 */
export function shareLoads<K, T>(): SharedLoads<K, T> {
  const pending = new Map<K, Promise<T>>();
  return (key, load) => {
    const shared = pending.get(key);
    if (shared) return shared;
    const loading = (async () => load())().finally(() => pending.delete(key));
    pending.set(key, loading);
    return loading;
  };
}
