import type { LoadResult } from '../load-driver';
import type { SightingLedger } from '../sightings';

/** One accepted notification: when its request was sent, and when a sink first saw it. */
export interface Sample {
  readonly sentAt: number;
  readonly seenAt: number | undefined;
}

/** The accept-to-delivery latency a notification must keep to count as "steady". */
export const STEADY_FLOOR_MS = 1_000;

function percentile(sorted: readonly number[], fraction: number): number | undefined {
  if (sorted.length === 0) return undefined;
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))];
}

/**
 * From the kill to steady delivery again: to the send of the first notification, accepted after
 * the kill, from which on every accepted notification was delivered within the steady bound
 * (twice the p95 latency of those delivered before the kill, at least STEADY_FLOOR_MS). 0 when the
 * fault never slowed delivery past the bound; null when it had not recovered by the end of the
 * load, or there is nothing to compare with.
 */
export function steadyAgainMs(samples: readonly Sample[], killedAt: number): number | null {
  const before = samples
    .filter(({ seenAt }) => seenAt !== undefined && seenAt < killedAt)
    .map(({ sentAt, seenAt }) => seenAt! - sentAt)
    .sort((a, b) => a - b);
  const p95 = percentile(before, 0.95);
  const after = samples.filter(({ sentAt }) => sentAt >= killedAt).sort((a, b) => a.sentAt - b.sentAt);
  if (p95 === undefined || after.length === 0) return null;
  const bound = Math.max(2 * p95, STEADY_FLOOR_MS);
  const slow = ({ sentAt, seenAt }: Sample) => seenAt === undefined || seenAt - sentAt > bound;
  // Delayed by the fault: also those sent just before it and delivered after it, too late.
  const hitBefore = samples.some(
    (sample) => sample.sentAt < killedAt && (sample.seenAt ?? Infinity) > killedAt && slow(sample),
  );
  let lastSlow = -1;
  after.forEach((sample, index) => {
    if (slow(sample)) lastSlow = index;
  });
  if (lastSlow === after.length - 1) return null;
  if (lastSlow === -1 && !hitBefore) return 0;
  return Math.round(after[lastSlow + 1]!.sentAt - killedAt);
}

/** The samples of one phase, from what the load driver was told and what the sinks saw. */
export function samplesOf(load: LoadResult, ledger: SightingLedger): Sample[] {
  return [...load.accepted].map(([id, sentAt]) => ({ sentAt, seenAt: ledger.firstSeenAt(id) }));
}
