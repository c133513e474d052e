import type { Logger } from '@herald/logging';
import { createCache, type RedisConnection } from '@herald/redis';
import type { Registry } from 'prom-client';
import type { RequestIndex } from '../use-cases/ports';

/** A day covers any client's retry window; PostgreSQL's unique index stays the source of truth. */
const REQUEST_INDEX_TTL_SECONDS = 24 * 60 * 60;

/** The idempotency fast path in Redis: (sender, requestId) → notification id and body fingerprint. */
export function createRequestIndex(redis: RedisConnection, registry: Registry, log: Logger): RequestIndex {
  const cache = createCache<{ notificationId: string; requestHash: string }>(
    redis,
    { namespace: 'request', ttlSeconds: REQUEST_INDEX_TTL_SECONDS },
    registry,
    log,
  );
  const keyOf = (sender: string, requestId: string) => `${sender}:${requestId}`;
  return {
    find: (sender, requestId) => cache.get(keyOf(sender, requestId)),
    remember: (sender, requestId, entry) => cache.set(keyOf(sender, requestId), entry),
  };
}
