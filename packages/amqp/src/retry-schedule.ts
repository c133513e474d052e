/** Backoff steps (docs/architecture.md, Queues): attempt 1 waits 1 s, then 5 s, 25 s, 2 min, 10 min. */
export const RETRY_STEPS_MS: readonly number[] = [1_000, 5_000, 25_000, 120_000, 600_000];

export function retryQueueName(delayMs: number): string {
  return delayMs % 60_000 === 0 ? `jobs.retry.${delayMs / 60_000}m` : `jobs.retry.${delayMs / 1000}s`;
}

/** Index of the retry step for a failed attempt (1-based); attempts past the last step reuse it. */
export function retryStepIndex(attempt: number, stepCount: number = RETRY_STEPS_MS.length): number {
  return Math.min(Math.max(attempt, 1), stepCount) - 1;
}

/** Share of a step's delay a message may skip, so retries of a burst spread out instead of returning together. */
export const RETRY_JITTER = 0.2;

/**
 * The per-message expiration within a step queue: the step's delay minus up to RETRY_JITTER of it.
 * Never above the queue's TTL, which would bound it anyway.
 */
export function jitteredDelay(delayMs: number, random: () => number = Math.random): number {
  return Math.max(1, Math.round(delayMs * (1 - RETRY_JITTER * random())));
}
