import { NotFoundError } from '@herald/errors';
import type { Logger } from '@herald/logging';
import type { Notification, StatusEvent } from '../domain/notification';
import type { NotificationStatus } from '../domain/notification-status';
import { decideStatusReport, type IgnoredReason, type ReportableStatus } from '../domain/status-report';
import type { NotificationRepository } from '../store/notification.repository';
import type { Clock, StatusFeed } from './ports';

export interface StatusReportCommand {
  readonly notificationId: string;
  readonly status: ReportableStatus;
  readonly detail: string | null;
  /** When the worker saw the change; undefined means now. */
  readonly at: Date | undefined;
  /** The worker's delivery attempt (1-based); 0 when unknown. */
  readonly attempt: number;
  /** The copy of the queue message the worker holds; null for a message published without one. */
  readonly deliveryId: string | null;
}

export interface StatusReportOutcome {
  readonly notificationId: string;
  /** False for a disallowed, stale or repeated report; nothing was recorded. */
  readonly applied: boolean;
  /** The status after the report, so a worker can drop a message already delivered. */
  readonly status: NotificationStatus;
  /** A SENDING claim refused because another copy of the message holds SENDING: drop this one unsent. */
  readonly claimedByAnotherDelivery: boolean;
}

export interface ReportStatusDeps {
  readonly notifications: NotificationRepository;
  readonly clock: Clock;
  readonly statusFeed: StatusFeed;
  /** Counts a late, duplicate or illegal report (a metric). */
  readonly onIgnored: (reason: IgnoredReason) => void;
  /** Told once a DELIVERED report is recorded, with the notification as it was and the delivery time (a metric). */
  readonly onDelivered: (notification: Notification, deliveredAt: Date) => void;
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
  return async (reports) => {
    // Filled as each report is decided, told only once recorded: a report may be decided again
    // when its notification changed meanwhile, and its last decision counts. A batched report
    // arrives under another notification's correlation id; its line carries its own.
    const seen: {
      correlationId: string | null;
      delivered?: { notification: Notification; at: Date };
      ignored?: IgnoredReason;
    }[] = [];
    const results = await deps.notifications.changeStatuses(
      reports.map((report) => report.notificationId),
      (current, index) => {
        const report = reports[index]!;
        const entry: (typeof seen)[number] = { correlationId: current.correlationId };
        seen[index] = entry;
        const decision = decideStatusReport(current, report);
        if (!decision.apply) {
          entry.ignored = decision.reason;
          return undefined;
        }
        const recordedAt = deps.clock.now();
        const at = report.at ?? recordedAt;
        if (report.status === 'DELIVERED') entry.delivered = { notification: current, at };
        return {
          status: report.status,
          detail: report.detail,
          attempts: decision.attempts,
          claimedBy: decision.claimedBy,
          at,
          recordedAt,
        };
      },
    );
    const events: StatusEvent[] = [];
    const outcomes = reports.map((report, index) => {
      const result = results[index];
      if (!result) return notFound(report.notificationId);
      const { correlationId, delivered, ignored } = seen[index] ?? { correlationId: null };
      if (ignored) deps.onIgnored(ignored);
      if (result.event) {
        if (delivered) deps.onDelivered(delivered.notification, delivered.at);
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
      };
    });
    await deps.statusFeed.publish(events);
    return outcomes;
  };
}

function notFound(notificationId: string): NotFoundError {
  return new NotFoundError(`notification ${notificationId} not found`, { notificationId });
}
