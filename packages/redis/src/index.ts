export { connectRedis, connectRedisOn, type RedisConnection } from './connect-redis';
export { createCache, type Cache, type CacheOptions } from './cache';
export { createPubSubChannel, type PubSubChannel } from './pub-sub';
export {
  createChangeFeed,
  TEMPLATE_CHANGES,
  USER_CHANGES,
  type ChangeFeed,
  type ChangeFeedOptions,
} from './change-feed';
