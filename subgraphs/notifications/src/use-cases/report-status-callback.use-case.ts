import { z } from 'zod';
import { REPORTABLE_STATUSES } from '@herald/contracts';
import { NotFoundError, UnprocessableError } from '@herald/errors';
import { parseInput } from '@herald/subgraph';
import { requireScope, SCOPES, type Caller } from '@herald/identity';
import { feedbackKindOf } from '../domain/email-feedback';
import { CHANNELS } from '../domain/notification';
import type { NotificationRepository } from './ports';
import type { ReportStatus, StatusReportOutcome } from './report-status.use-case';

/** NotificationStatusReportInput of schema.graphql, validated. */
const statusCallbackArguments = z.object({
  input: z.object({
    notificationId: z.uuid(),
    channel: z.enum(CHANNELS),
    status: z.enum(REPORTABLE_STATUSES),
    detail: z.string().max(2000).nullish(),
    at: z.date().nullish(),
  }),
});

export interface StatusCallbackCommand {
  /** The report as the entry point received it; validated here. */
  readonly input: unknown;
  /** Needs notifications:status (or admin). */
  readonly caller: Caller;
}

export type ReportStatusCallback = (command: StatusCallbackCommand) => Promise<StatusReportOutcome>;

/**
 * A status callback from an external sender (the REST /{email|push}/status/ route): the same rules
 * as the workers' reports, for a notification of the channel it came in on. BOUNCED and
 * COMPLAINED are email's alone: a push provider has no mailbox to bounce from or complain in.
 */
export function makeReportStatusCallback(deps: {
  notifications: NotificationRepository;
  reportStatus: ReportStatus;
}): ReportStatusCallback {
  return async ({ input: raw, caller }) => {
    requireScope(caller, SCOPES.notificationsStatus);
    const { input } = parseInput(statusCallbackArguments, { input: raw });
    const notification = await deps.notifications.findById(input.notificationId);
    if (!notification) {
      throw new NotFoundError(`notification ${input.notificationId} not found`, {
        notificationId: input.notificationId,
      });
    }
    if (notification.channel !== input.channel) {
      throw new UnprocessableError(
        `notification ${input.notificationId} is not a ${input.channel} notification`,
        {
          channel: notification.channel,
        },
      );
    }
    if (notification.channel !== 'EMAIL' && feedbackKindOf(input.status)) {
      throw new UnprocessableError(`${input.status} is reported only for email notifications`, {
        channel: notification.channel,
        status: input.status,
      });
    }
    return deps.reportStatus({
      notificationId: input.notificationId,
      status: input.status,
      detail: input.detail ?? null,
      statusCode: null,
      at: input.at ?? undefined,
      attempt: 0,
      // A provider's callback holds no queue message, and no claim.
      deliveryId: null,
      holder: null,
      leaseMs: 0,
    });
  };
}
