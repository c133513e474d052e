/** Milliseconds from any origin; tests pass a clock they move by hand. */
export type Clock = () => number;

/**
 * lru-cache options that read time the way Herald's caches mean it. lru-cache reads a start time
 * of 0 as "no TTL", and a test's clock often starts at 0, so an injected clock counts from 1.
 * Reading the clock at every lookup is cheaper than the timer lru-cache sets to reuse a reading,
 * and a reused reading would hide a test's clock moving.
 */
export function clockOptions(now?: Clock): { ttlResolution: number; perf?: { now: Clock } } {
  return now ? { ttlResolution: 0, perf: { now: () => now() + 1 } } : { ttlResolution: 0 };
}

/**
 * lru-cache keeps an entry while its age is at most its TTL; Herald uses one only while it is
 * younger than its TTL (a credential is not trusted at the instant it expires), so lru-cache is
 * given one millisecond less. 0 means "do not store": lru-cache would read it as "forever".
 */
export function lruTtl(ttlMs: number): number {
  return ttlMs > 1 ? ttlMs - 1 : 0;
}
