export { connectRedis, type RedisConnection } from './connect-redis';
export { createCache, type Cache, type CacheOptions } from './cache';
export { createPubSubChannel, type PubSubChannel } from './pub-sub';
