import { z } from 'zod';
import type { NotificationStatusServiceDefinition, UnaryImplementation } from '@herald/proto';
import { NotFoundError } from '@herald/errors';
import { parseInput } from '@herald/subgraph';
import { REPORTABLE_STATUSES } from '../domain/status-report';
import type { ReportStatus, StatusReportCommand } from '../use-cases/report-status.use-case';

const MAX_BATCH = 500;

const statusReport = z
  .object({
    notification_id: z.uuid(),
    status: z
      .string()
      .transform((value) => value.toUpperCase())
      .pipe(z.enum(REPORTABLE_STATUSES)),
    detail: z.string().max(2000),
    timestamp: z.union([z.literal(''), z.iso.datetime({ offset: true })]),
    attempt: z.number().int().min(0),
  })
  .transform((report): StatusReportCommand => ({
    notificationId: report.notification_id,
    status: report.status,
    detail: report.detail || null,
    at: report.timestamp ? new Date(report.timestamp) : undefined,
    attempt: report.attempt,
  }));

const statusReportBatch = z.object({ reports: z.array(statusReport).max(MAX_BATCH) });

/**
 * NotificationStatusService for the workers. In a batch, each report is applied on its own;
 * one about an unknown notification comes back not applied with an empty status instead of
 * failing the reports around it.
 */
export function createNotificationStatusGrpc(deps: {
  reportStatus: ReportStatus;
}): UnaryImplementation<NotificationStatusServiceDefinition> {
  const toResult = (outcome: Awaited<ReturnType<ReportStatus>>) => ({
    notification_id: outcome.notificationId,
    applied: outcome.applied,
    status: outcome.status,
  });
  return {
    ReportStatus: async (request) => toResult(await deps.reportStatus(parseInput(statusReport, request))),
    ReportStatusBatch: async (request) => {
      const { reports } = parseInput(statusReportBatch, request);
      const results = [];
      for (const report of reports) {
        try {
          results.push(toResult(await deps.reportStatus(report)));
        } catch (error) {
          if (!(error instanceof NotFoundError)) throw error;
          results.push({ notification_id: report.notificationId, applied: false, status: '' });
        }
      }
      return { results };
    },
  };
}
