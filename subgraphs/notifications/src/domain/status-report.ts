import { canTransition, type NotificationStatus } from './notification-status';

/** The statuses a worker or a provider's callback may report. */
export const REPORTABLE_STATUSES = [
  'SENDING',
  'RETRYING',
  'DELIVERED',
  'FAILED',
  'SKIPPED',
  'BOUNCED',
  'COMPLAINED',
] as const;
export type ReportableStatus = (typeof REPORTABLE_STATUSES)[number];

/**
 * Not a status: a soft bounce (RFC 3464 4.x.x, or Action: delayed) of a delivered mail, recorded
 * as an event of the timeline that leaves the notification DELIVERED (decision 0028).
 */
export const SOFT_BOUNCED = 'SOFT_BOUNCED';

/** What notifications.proto StatusReport.status may say: a status, or a soft bounce. */
export const REPORTED_CHANGES = [...REPORTABLE_STATUSES, SOFT_BOUNCED] as const;
export type ReportedChange = (typeof REPORTED_CHANGES)[number];

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
}

export interface CurrentDelivery {
  readonly status: NotificationStatus;
  readonly attempts: number;
  /** The delivery id holding the SENDING claim; null when unknown. */
  readonly claimedBy: string | null;
  /** FAILED by the sweeper while SENDING: whether it was delivered is not known. */
  readonly outcomeUnknown: boolean;
}

export type IgnoredReason = 'transition-not-allowed' | 'stale-attempt' | 'claimed-by-another-delivery';

export type ReportDecision =
  | { readonly apply: true; readonly attempts: number; readonly claimedBy: string | null }
  | { readonly apply: false; readonly reason: IgnoredReason };

/**
 * Whether a worker's report moves the notification on. Reports arrive at least once and
 * possibly out of order, so besides the transition table, a report about an attempt older
 * than the one already started is stale, and SENDING twice for the same attempt is a repeat.
 * A SENDING report that names its copy of the message (a delivery id) is decided as a claim.
 */
export function decideStatusReport(current: CurrentDelivery, report: StatusReport): ReportDecision {
  if (report.status === 'SENDING' && report.deliveryId !== null)
    return decideClaim(current, report.attempt, report.deliveryId);
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
 * on. Attempt numbers play no part: two copies count their attempts separately.
 */
function decideClaim(current: CurrentDelivery, attempt: number, deliveryId: string): ReportDecision {
  if (current.status === 'SENDING') {
    // A claimant that is not known (a message without a delivery id took it) is not refused:
    // its holder cannot be told from this copy, and refusing could leave nobody sending.
    const heldByAnother = current.claimedBy !== null && current.claimedBy !== deliveryId;
    return { apply: false, reason: heldByAnother ? 'claimed-by-another-delivery' : 'transition-not-allowed' };
  }
  if (!canTransition(current.status, 'SENDING')) return { apply: false, reason: 'transition-not-allowed' };
  return { apply: true, attempts: Math.max(current.attempts + 1, attempt), claimedBy: deliveryId };
}
