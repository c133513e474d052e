import type { RedisConnection } from '@herald/redis';

export interface BucketSettings {
  /** Tokens added per second. */
  readonly ratePerSecond: number;
  /** Bucket size: the most requests allowed at once after a quiet spell. */
  readonly burst: number;
}

export interface BucketDecision {
  readonly allowed: boolean;
  /** Whole tokens left after this request. */
  readonly remaining: number;
  /** Milliseconds until the next token (when refused, until the request would pass). */
  readonly retryAfterMs: number;
  /** Milliseconds until the bucket is full again. */
  readonly resetMs: number;
}

/**
 * Refill and take in one atomic step, on Redis's own clock so every gateway instance agrees.
 * The key expires once the bucket would be full again, so idle callers cost nothing.
 */
const TAKE_TOKEN = `
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or burst
local at = tonumber(state[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - at) * rate / 1000)
local allowed = 0
local wait = 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
  if tokens < 1 then wait = math.ceil((1 - tokens) * 1000 / rate) end
else
  wait = math.ceil((1 - tokens) * 1000 / rate)
end
local reset = math.ceil((burst - tokens) * 1000 / rate)
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', now)
redis.call('PEXPIRE', KEYS[1], reset + 1000)
return { allowed, math.floor(tokens), wait, reset }
`;

export type TakeToken = (bucket: string) => Promise<BucketDecision>;

/** Rejects when Redis cannot be asked; the caller decides to fail open. */
export function createTokenBucket(redis: RedisConnection, settings: BucketSettings): TakeToken {
  return async (bucket) => {
    const reply = await redis.client.eval(
      TAKE_TOKEN,
      1,
      `ratelimit:${bucket}`,
      settings.ratePerSecond,
      settings.burst,
    );
    const [allowed, remaining, retryAfterMs, resetMs] = (Array.isArray(reply) ? reply : []).map(Number);
    return {
      allowed: allowed === 1,
      remaining: remaining ?? 0,
      retryAfterMs: retryAfterMs ?? 0,
      resetMs: resetMs ?? 0,
    };
  };
}
