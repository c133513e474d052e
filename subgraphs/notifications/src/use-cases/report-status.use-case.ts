import type { ReportedChange } from '@herald/contracts';
import { NotFoundError } from '@herald/errors';
import type { Logger } from '@herald/logging';
import { feedbackKindOf, type EmailFeedback } from '../domain/email-feedback';
import type { ClaimLease, Notification, StatusEvent } from '../domain/notification';
import type { NotificationStatus } from '../domain/notification-status';
import { decideStatusReport, statusAfter, type IgnoredReason } from '../domain/status-report';
import { makeChangeStatuses, type ChangeStatusesDeps } from './change-statuses';
import type { Clock, NotificationRepository, StatusFeed } from './ports';

export interface StatusReportCommand {
  readonly notificationId: string;
  readonly status: ReportedChange;
  readonly detail: string | null;
  /** A bounce's or complaint's status code (RFC 3464 Status, e.g. 5.1.1); null for other reports. */
  readonly statusCode: string | null;
  /** When the worker saw the change; undefined means now. */
  readonly at: Date | undefined;
  /** The worker's delivery attempt (1-based); 0 when unknown. */
  readonly attempt: number;
  /** The copy of the queue message the worker holds; null for a message published without one. */
  readonly deliveryId: string | null;
  /** The worker process claiming; null from a worker without leases. */
  readonly holder: string | null;
  /** How long a SENDING claim holds for its holder without a word from it; 0: no lease. */
  readonly leaseMs: number;
}

export interface StatusReportOutcome {
  readonly notificationId: string;
  /** False for a disallowed, stale or repeated report; nothing was recorded. */
  readonly applied: boolean;
  /** The status after the report, so a worker can drop a message already delivered. */
  readonly status: NotificationStatus;
  /** A SENDING claim refused because another copy of the message holds SENDING: drop this one unsent. */
  readonly claimedByAnotherDelivery: boolean;
  /**
   * A SENDING claim refused because another worker holds this copy's lease: how long until it
   * lapses (the worker waits and claims again); 0 otherwise.
   */
  readonly leaseRemainingMs: number;
}

export interface ReportStatusDeps extends ChangeStatusesDeps {
  readonly clock: Clock;
  readonly statusFeed: StatusFeed;
  /** Counts a late, duplicate or illegal report (a metric). */
  readonly onIgnored: (reason: IgnoredReason) => void;
  /** Told once a DELIVERED report is recorded, with the notification as it was and the delivery time (a metric). */
  readonly onDelivered: (notification: Notification, deliveredAt: Date) => void;
  /**
   * Tells the users service of each bounce or complaint recorded, and of each one reported again
   * for a notification already in its status (the sender retrying after this call failed), so
   * it may suppress the address. A failure fails the report: the sender retries it.
   */
  readonly recordFeedback: (feedback: readonly EmailFeedback[]) => Promise<void>;
  /** Counts a bounce or complaint recorded, by the notification's category (a metric). */
  readonly onFeedback: (feedback: EmailFeedback, notification: Notification) => void;
  /** Writes the "status recorded" line, under the notification's own correlation id. */
  readonly log: Logger;
}

export type ReportStatus = (report: StatusReportCommand) => Promise<StatusReportOutcome>;
/** Reports applied together; each entry is its outcome, or NotFoundError for an unknown notification. */
export type ReportStatuses = (
  reports: readonly StatusReportCommand[],
) => Promise<(StatusReportOutcome | NotFoundError)[]>;

/** One report: a batch of one, with an unknown notification thrown as NOT_FOUND. */
export function makeReportStatus(reportMany: ReportStatuses): ReportStatus {
  return async (report) => {
    const [outcome] = await reportMany([report]);
    if (!outcome || outcome instanceof NotFoundError) throw outcome ?? notFound(report.notificationId);
    return outcome;
  };
}

/**
 * A worker's batch in one read and one write of all its reports (changeStatuses, without a
 * transaction) instead of one transaction per report: the status path's cost is per batch, not
 * per report.
 */
export function makeReportStatuses(deps: ReportStatusDeps): ReportStatuses {
  const changeStatuses = makeChangeStatuses(deps);
  return async (reports) => {
    // Filled as each report is decided, told only once recorded: a report may be decided again
    // when its notification changed meanwhile, and its last decision counts. A batched report
    // arrives under another notification's correlation id; its line carries its own.
    const seen: {
      correlationId: string | null;
      delivered?: { notification: Notification; at: Date };
      feedback?: { feedback: EmailFeedback; notification: Notification };
      ignored?: IgnoredReason;
      /** A repeated claim's lease to take, or the time left of another worker's. */
      lease?: ClaimLease;
      leaseRemainingMs?: number;
    }[] = [];
    const results = await changeStatuses(
      reports.map((report) => report.notificationId),
      (current, index) => {
        const report = reports[index]!;
        const entry: (typeof seen)[number] = { correlationId: current.correlationId };
        seen[index] = entry;
        const feedback = feedbackOf(report, current);
        const decision = decideStatusReport(current, report, deps.clock.now());
        if (!decision.apply) {
          entry.ignored = decision.reason;
          entry.lease = decision.lease;
          entry.leaseRemainingMs = decision.leaseRemainingMs;
          // A bounce or complaint already recorded: told again, as the sender may be retrying
          // after users could not be told.
          if (feedback && current.status === report.status)
            entry.feedback = { feedback, notification: current };
          return undefined;
        }
        if (feedback) entry.feedback = { feedback, notification: current };
        const recordedAt = deps.clock.now();
        const at = report.at ?? recordedAt;
        if (report.status === 'DELIVERED') entry.delivered = { notification: current, at };
        return {
          status: statusAfter(report.status, current.status),
          detail: report.detail,
          attempts: decision.attempts,
          claimedBy: decision.claimedBy,
          lease: decision.lease ?? current.claimLease,
          at,
          recordedAt,
        };
      },
    );
    const refusedLeases = await takeRepeatedClaimLeases(deps.notifications, reports, seen, deps.clock.now());
    const events: StatusEvent[] = [];
    const feedback: EmailFeedback[] = [];
    const outcomes = reports.map((report, index) => {
      const result = results[index];
      if (!result) return notFound(report.notificationId);
      const entry = seen[index] ?? { correlationId: null };
      const { correlationId, delivered, ignored } = entry;
      if (ignored) deps.onIgnored(ignored);
      if (entry.feedback) feedback.push(entry.feedback.feedback);
      if (result.event) {
        if (delivered) deps.onDelivered(delivered.notification, delivered.at);
        if (entry.feedback) deps.onFeedback(entry.feedback.feedback, entry.feedback.notification);
        deps.log.info(
          {
            ...(correlationId ? { correlation_id: correlationId } : {}),
            notification_id: report.notificationId,
            status: result.status,
            attempt: report.attempt,
          },
          'status recorded',
        );
        events.push(result.event);
      }
      return {
        notificationId: report.notificationId,
        applied: result.event !== undefined,
        status: result.status,
        claimedByAnotherDelivery: ignored === 'claimed-by-another-delivery',
        leaseRemainingMs: refusedLeases.has(index) ? report.leaseMs : (entry.leaseRemainingMs ?? 0),
      };
    });
    await deps.statusFeed.publish(events);
    if (feedback.length > 0) await deps.recordFeedback(feedback);
    return outcomes;
  };
}

/**
 * Takes the leases of repeated claims (a holder renewing its own, or a worker taking over a lapsed
 * one) where the claim is still as read. The indices returned lost theirs to a worker that took
 * it meanwhile: they wait a lease's length and claim again.
 */
async function takeRepeatedClaimLeases(
  notifications: NotificationRepository,
  reports: readonly StatusReportCommand[],
  seen: readonly { lease?: ClaimLease }[],
  now: Date,
): Promise<ReadonlySet<number>> {
  const wanted = reports.flatMap((report, index) => {
    const lease = seen[index]?.lease;
    return lease && report.deliveryId
      ? [{ index, id: report.notificationId, deliveryId: report.deliveryId, lease }]
      : [];
  });
  if (wanted.length === 0) return new Set();
  const taken = await notifications.takeClaimLeases(wanted, now);
  return new Set(wanted.filter((_, position) => !taken[position]).map(({ index }) => index));
}

/** The bounce or complaint a report carries about an email notification, for the users service. */
function feedbackOf(report: StatusReportCommand, notification: Notification): EmailFeedback | undefined {
  const kind = feedbackKindOf(report.status);
  if (!kind || notification.channel !== 'EMAIL') return undefined;
  return {
    kind,
    userId: notification.userId,
    notificationId: notification.id,
    statusCode: report.statusCode ?? '',
    diagnostic: report.detail ?? '',
    category: notification.category ?? '',
  };
}

function notFound(notificationId: string): NotFoundError {
  return new NotFoundError(`notification ${notificationId} not found`, { notificationId });
}
