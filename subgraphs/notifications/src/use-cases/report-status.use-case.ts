import { NotFoundError } from '@herald/errors';
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
}

export interface StatusReportOutcome {
  readonly notificationId: string;
  /** False for a disallowed, stale or repeated report; nothing was recorded. */
  readonly applied: boolean;
  /** The status after the report, so a worker can drop a message already delivered. */
  readonly status: NotificationStatus;
}

export interface ReportStatusDeps {
  readonly notifications: NotificationRepository;
  readonly clock: Clock;
  readonly statusFeed: StatusFeed;
  /** Counts a late, duplicate or illegal report (a metric). */
  readonly onIgnored: (reason: IgnoredReason) => void;
}

export type ReportStatus = (report: StatusReportCommand) => Promise<StatusReportOutcome>;

export function makeReportStatus(deps: ReportStatusDeps): ReportStatus {
  return async (report) => {
    const result = await deps.notifications.changeStatus(report.notificationId, (current) => {
      const decision = decideStatusReport(current, report);
      if (!decision.apply) {
        deps.onIgnored(decision.reason);
        return undefined;
      }
      const recordedAt = deps.clock.now();
      return {
        status: report.status,
        detail: report.detail,
        attempts: decision.attempts,
        at: report.at ?? recordedAt,
        recordedAt,
      };
    });
    if (!result)
      throw new NotFoundError(`notification ${report.notificationId} not found`, {
        notificationId: report.notificationId,
      });
    if (result.event) await deps.statusFeed.publish([result.event]);
    return {
      notificationId: report.notificationId,
      applied: result.event !== undefined,
      status: result.status,
    };
  };
}
