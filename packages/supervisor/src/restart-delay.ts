/** The first restart waits a second; each crash in a row doubles the wait, up to half a minute. */
const FIRST_DELAY_MS = 1000;
const MAX_DELAY_MS = 30_000;

/** A service that stayed up this long has recovered: its next crash counts as the first again. */
export const STABLE_AFTER_MS = 30_000;

/** How long to wait before restarting a service that crashed `crashesInARow` times (1 for the first). */
export function restartDelayMs(crashesInARow: number): number {
  return Math.min(FIRST_DELAY_MS * 2 ** Math.max(0, crashesInARow - 1), MAX_DELAY_MS);
}
