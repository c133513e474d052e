export { createLruCache, type LruCache } from './lru-cache';
export { createTtlCache, type TtlCache, type Expiring } from './ttl-cache';
export { createLocalCache, type LocalCache, type LocalCacheOptions } from './local-cache';
export { fillMisses, shareLoads, type BatchLoads, type SharedLoads } from './share-loads';
export type { Clock } from './clock';
