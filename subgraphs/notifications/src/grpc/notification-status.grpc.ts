import { z } from 'zod';
import { REPORTED_CHANGES } from '@herald/contracts';
import type { NotificationStatusServiceDefinition, UnaryImplementation } from '@herald/proto';
import { NotFoundError } from '@herald/errors';
import { parseInput } from '@herald/subgraph';
import type { ReportStatus, ReportStatuses, StatusReportCommand } from '../use-cases/report-status.use-case';

const MAX_BATCH = 500;

const statusReport = z
  .object({
    notification_id: z.uuid(),
    status: z
      .string()
      .transform((value) => value.toUpperCase())
      .pipe(z.enum(REPORTED_CHANGES)),
    detail: z.string().max(2000),
    timestamp: z.union([z.literal(''), z.iso.datetime({ offset: true })]),
    attempt: z.number().int().min(0),
    // Empty from an older worker, or for a message published before delivery ids.
    delivery_id: z.union([z.literal(''), z.uuid()]),
    // Absent from an older worker.
    status_code: z.string().max(32).default(''),
    // Empty and 0 from a worker without leases (decision 0030).
    holder: z.string().max(200).default(''),
    lease_ms: z.number().int().min(0).max(600_000).default(0),
  })
  .transform((report): StatusReportCommand => ({
    notificationId: report.notification_id,
    status: report.status,
    detail: report.detail || null,
    statusCode: report.status_code || null,
    at: report.timestamp ? new Date(report.timestamp) : undefined,
    attempt: report.attempt,
    deliveryId: report.delivery_id || null,
    holder: report.holder || null,
    leaseMs: report.lease_ms,
  }));

const statusReportBatch = z.object({ reports: z.array(statusReport).max(MAX_BATCH) });

/**
 * NotificationStatusService for the workers, whose batches come on a stream each worker keeps
 * open (ReportStatusStream) or as unary calls. A batch is applied in one transaction, each
 * report by the same rules as alone; one about an unknown notification comes back not applied
 * with an empty status instead of failing the reports around it.
 */
export function createNotificationStatusGrpc(deps: {
  reportStatus: ReportStatus;
  reportStatuses: ReportStatuses;
}): UnaryImplementation<NotificationStatusServiceDefinition> {
  const toResult = (outcome: Awaited<ReturnType<ReportStatus>>) => ({
    notification_id: outcome.notificationId,
    applied: outcome.applied,
    status: outcome.status,
    claimed_by_another_delivery: outcome.claimedByAnotherDelivery,
    lease_remaining_ms: outcome.leaseRemainingMs,
  });
  const reportBatch = async (request: { reports: unknown }) => {
    const { reports } = parseInput(statusReportBatch, request);
    const outcomes = await deps.reportStatuses(reports);
    return {
      results: outcomes.map((outcome, index) =>
        outcome instanceof NotFoundError
          ? { notification_id: reports[index]!.notificationId, applied: false, status: '' }
          : toResult(outcome),
      ),
    };
  };
  return {
    ReportStatus: async (request) => toResult(await deps.reportStatus(parseInput(statusReport, request))),
    ReportStatusBatch: reportBatch,
    // A worker's stream: each request is a batch, answered as ReportStatusBatch answers it.
    ReportStatusStream: reportBatch,
  };
}
