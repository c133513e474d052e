import { canTransition, type NotificationStatus } from './notification-status';

/** The statuses a worker may report (notifications.proto StatusReport.status). */
export const REPORTABLE_STATUSES = ['SENDING', 'RETRYING', 'DELIVERED', 'FAILED', 'SKIPPED'] as const;
export type ReportableStatus = (typeof REPORTABLE_STATUSES)[number];

export interface StatusReport {
  readonly status: ReportableStatus;
  /** The delivery attempt the worker is on (1-based); 0 when the worker does not say. */
  readonly attempt: number;
}

export interface CurrentDelivery {
  readonly status: NotificationStatus;
  readonly attempts: number;
}

export type IgnoredReason = 'transition-not-allowed' | 'stale-attempt';

export type ReportDecision =
  | { readonly apply: true; readonly attempts: number }
  | { readonly apply: false; readonly reason: IgnoredReason };

/**
 * Whether a worker's report moves the notification on. Reports arrive at least once and
 * possibly out of order, so besides the transition table, a report about an attempt older
 * than the one already started is stale, and SENDING twice for the same attempt is a repeat.
 */
export function decideStatusReport(current: CurrentDelivery, report: StatusReport): ReportDecision {
  if (!canTransition(current.status, report.status))
    return { apply: false, reason: 'transition-not-allowed' };
  if (report.attempt > 0) {
    const stale =
      report.status === 'SENDING' ? report.attempt <= current.attempts : report.attempt < current.attempts;
    if (stale) return { apply: false, reason: 'stale-attempt' };
  }
  const attempts =
    report.status === 'SENDING' ? Math.max(current.attempts + 1, report.attempt) : current.attempts;
  return { apply: true, attempts };
}
