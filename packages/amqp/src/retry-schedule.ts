/** Backoff steps (ARCHITECTURE.md §4): attempt 1 waits 1 s, then 5 s, 25 s, 2 min, 10 min. */
export const RETRY_STEPS_MS: readonly number[] = [1_000, 5_000, 25_000, 120_000, 600_000];

export function retryQueueName(delayMs: number): string {
  return delayMs % 60_000 === 0 ? `jobs.retry.${delayMs / 60_000}m` : `jobs.retry.${delayMs / 1000}s`;
}

/** Index of the retry step for a failed attempt (1-based); attempts past the last step reuse it. */
export function retryStepIndex(attempt: number): number {
  return Math.min(Math.max(attempt, 1), RETRY_STEPS_MS.length) - 1;
}
