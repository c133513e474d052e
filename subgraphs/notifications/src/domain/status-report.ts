import { SOFT_BOUNCED, type ReportedChange } from '@herald/contracts';
import type { ClaimLease } from './notification';
import { canTransition, type NotificationStatus } from './notification-status';

/** The status a report leaves the notification in: its own, or for a soft bounce the one it has. */
export function statusAfter(report: ReportedChange, current: NotificationStatus): NotificationStatus {
  return report === SOFT_BOUNCED ? current : report;
}

export interface StatusReport {
  readonly status: ReportedChange;
  /** The delivery attempt the worker is on (1-based); 0 when the worker does not say. */
  readonly attempt: number;
  /** The copy of the queue message the worker holds (fresh at each publish); null when it has none. */
  readonly deliveryId: string | null;
  /** The worker process claiming; null from a worker without leases. */
  readonly holder: string | null;
  /** How long a SENDING claim holds for its holder without a word from it; 0: no lease. */
  readonly leaseMs: number;
}

export interface CurrentDelivery {
  readonly status: NotificationStatus;
  readonly attempts: number;
  /** The delivery id holding the SENDING claim; null when unknown. */
  readonly claimedBy: string | null;
  /** FAILED by the sweeper while SENDING: whether it was delivered is not known. */
  readonly outcomeUnknown: boolean;
  /** The lease of the SENDING claim; null when it has none. */
  readonly claimLease: ClaimLease | null;
}

export type IgnoredReason =
  'transition-not-allowed' | 'stale-attempt' | 'claimed-by-another-delivery' | 'leased-to-another-worker';

export type ReportDecision =
  | {
      readonly apply: true;
      readonly attempts: number;
      readonly claimedBy: string | null;
      /** Present when the change is a SENDING claim with a lease. */
      readonly lease?: ClaimLease;
    }
  | {
      readonly apply: false;
      readonly reason: IgnoredReason;
      /**
       * The claim of the copy already holding SENDING, by a worker that may send it: the lease it
       * takes (renewed for its holder, taken over once the last holder's lapsed). Recorded only
       * if the claim is still as read.
       */
      readonly lease?: ClaimLease;
      /** Refused while another worker's lease runs: how long until it lapses. */
      readonly leaseRemainingMs?: number;
    };

/**
 * Whether a worker's report moves the notification on. Reports arrive at least once and
 * possibly out of order, so besides the transition table, a report about an attempt older
 * than the one already started is stale, and SENDING twice for the same attempt is a repeat.
 * A SENDING report that names its copy of the message (a delivery id) is decided as a claim.
 */
export function decideStatusReport(
  current: CurrentDelivery,
  report: StatusReport,
  now: Date,
): ReportDecision {
  if (report.status === 'SENDING' && report.deliveryId !== null)
    return decideClaim(current, report, report.deliveryId, now);
  if (reportsOnAnothersClaim(current, report.deliveryId))
    return { apply: false, reason: 'claimed-by-another-delivery' };
  if (report.status === SOFT_BOUNCED) {
    return current.status === 'DELIVERED'
      ? { apply: true, attempts: current.attempts, claimedBy: current.claimedBy }
      : { apply: false, reason: 'transition-not-allowed' };
  }
  if (!canTransition(current.status, report.status) && !confirmsUnknownOutcome(current, report))
    return { apply: false, reason: 'transition-not-allowed' };
  if (report.attempt > 0) {
    const stale =
      report.status === 'SENDING' ? report.attempt <= current.attempts : report.attempt < current.attempts;
    if (stale) return { apply: false, reason: 'stale-attempt' };
  }
  if (report.status !== 'SENDING')
    return { apply: true, attempts: current.attempts, claimedBy: current.claimedBy };
  return { apply: true, attempts: Math.max(current.attempts + 1, report.attempt), claimedBy: null };
}

/**
 * While one copy of the message holds SENDING, the outcome is that copy's to report. Another
 * copy's RETRYING or FAILED comes from a claim that never reached this service (its call failed
 * while a notifications replica died): applied, it would release the claim, and that copy's next
 * attempt would send a second time (found by the cluster fault suite, decision 0027).
 */
function reportsOnAnothersClaim(current: CurrentDelivery, deliveryId: string | null): boolean {
  return (
    current.status === 'SENDING' &&
    deliveryId !== null &&
    current.claimedBy !== null &&
    current.claimedBy !== deliveryId
  );
}

/**
 * A DELIVERED report arriving after the sweeper gave up on a SENDING notification (decision 0019):
 * the sweep recorded that the outcome was unknown, and the report is the outcome, so it is recorded.
 */
function confirmsUnknownOutcome(current: CurrentDelivery, report: StatusReport): boolean {
  return current.status === 'FAILED' && current.outcomeUnknown && report.status === 'DELIVERED';
}

/**
 * A SENDING claim by one copy of the queue message. A second copy exists when the relay
 * published a row again (it died between the broker's confirm and its commit): only one copy
 * may hold SENDING. The claim of the copy already holding it (its redelivery after a worker
 * crash, or its chain's next attempt after a lost RETRYING report) is a repeat the worker sends
 * on, unless another worker's lease on it still runs: the broker redelivered the copy (its
 * channel to the first worker closed with a node) while the first worker still sends it.
 * Attempt numbers play no part: two copies count their attempts separately.
 */
function decideClaim(
  current: CurrentDelivery,
  report: StatusReport,
  deliveryId: string,
  now: Date,
): ReportDecision {
  const lease = leaseFor(report, now);
  // The holder's lease renewal, arriving after the outcome it preceded (batches on the stream
  // may be answered out of order): claiming again would take SENDING back.
  if (report.holder !== null && current.claimLease?.holder === report.holder && current.status !== 'SENDING')
    return { apply: false, reason: 'stale-attempt' };
  if (current.status === 'SENDING') {
    // A claimant that is not known (a message without a delivery id took it) is not refused:
    // its holder cannot be told from this copy, and refusing could leave nobody sending.
    if (current.claimedBy !== null && current.claimedBy !== deliveryId)
      return { apply: false, reason: 'claimed-by-another-delivery' };
    const remaining = leaseRemainingMs(current.claimLease, report.holder, now);
    if (remaining > 0)
      return { apply: false, reason: 'leased-to-another-worker', leaseRemainingMs: remaining };
    return { apply: false, reason: 'transition-not-allowed', ...(lease ? { lease } : {}) };
  }
  if (!canTransition(current.status, 'SENDING')) return { apply: false, reason: 'transition-not-allowed' };
  return {
    apply: true,
    attempts: Math.max(current.attempts + 1, report.attempt),
    claimedBy: deliveryId,
    ...(lease ? { lease } : {}),
  };
}

function leaseFor(report: StatusReport, now: Date): ClaimLease | undefined {
  if (report.holder === null || report.leaseMs <= 0) return undefined;
  return { holder: report.holder, expiresAt: new Date(now.getTime() + report.leaseMs) };
}

/** How long another holder's lease still runs for `holder`; 0 when it is theirs, lapsed or absent. */
function leaseRemainingMs(lease: ClaimLease | null, holder: string | null, now: Date): number {
  if (lease === null || holder === null || lease.holder === holder) return 0;
  return Math.max(0, lease.expiresAt.getTime() - now.getTime());
}
