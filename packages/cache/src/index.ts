export { createLruCache, type LruCache } from './lru-cache';
export { createTtlCache, type TtlCache, type Expiring } from './ttl-cache';
export { createLocalCache, type LocalCache, type LoadTicket, type LocalCacheOptions } from './local-cache';
export { shareLoads, type SharedLoads } from './share-loads';
export type { Clock } from './clock';
