import { LRUCache } from 'lru-cache';

export interface LruCache<K, V> {
  get(key: K): V | undefined;
  set(key: K, value: V): void;
  delete(key: K): void;
  readonly size: number;
}

/** A bounded cache that evicts the least recently used entry. */
export function createLruCache<K extends NonNullable<unknown>, V extends NonNullable<unknown>>(
  capacity: number,
): LruCache<K, V> {
  if (!Number.isInteger(capacity) || capacity < 1) {
    throw new RangeError(`LRU capacity must be a positive integer, got ${capacity}`);
  }
  return new LRUCache<K, V>({ max: capacity });
}
