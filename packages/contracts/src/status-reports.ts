import type { NotificationStatus } from './notification-statuses';

/**
 * The statuses a worker reports of its own handling of a message: its claim (SENDING), a retry,
 * and the outcome.
 */
export const DELIVERY_STATUSES = [
  'SENDING',
  'RETRYING',
  'DELIVERED',
  'FAILED',
  'SKIPPED',
] as const satisfies readonly NotificationStatus[];

/**
 * The statuses a mailbox provider's report about a delivered mail moves it to: a hard bounce, a
 * complaint (decision 0028). Email only.
 */
export const FEEDBACK_STATUSES = ['BOUNCED', 'COMPLAINED'] as const satisfies readonly NotificationStatus[];

/** The statuses a worker or a provider's callback (GraphQL, the REST shim) may report. */
export const REPORTABLE_STATUSES = [...DELIVERY_STATUSES, ...FEEDBACK_STATUSES] as const;

/**
 * Not a status: a soft bounce (RFC 3464 4.x.x, or Action: delayed) of a delivered mail, recorded
 * as an event of the timeline that leaves the notification DELIVERED (decision 0028).
 */
export const SOFT_BOUNCED = 'SOFT_BOUNCED';

/** What notifications.proto StatusReport.status may say: a status, or a soft bounce. */
export const REPORTED_CHANGES = [...REPORTABLE_STATUSES, SOFT_BOUNCED] as const;

export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
export type FeedbackStatus = (typeof FEEDBACK_STATUSES)[number];
export type ReportableStatus = (typeof REPORTABLE_STATUSES)[number];
export type ReportedChange = (typeof REPORTED_CHANGES)[number];
