import { z } from 'zod';
import {
  NOTIFICATION_STATUSES as LIFECYCLE_STATUSES,
  type NotificationStatus,
  type ReportableStatus,
} from '@herald/contracts';

/**
 * The snake_case contract of the original task. The shim validates with these schemas and the
 * OpenAPI document is generated from them, so the two cannot disagree.
 */

const id = z.string().min(1).max(200);
const uuid = z.uuid();
const jsonObject = z.record(z.string(), z.unknown());

/** Lower-case on the wire, as in the original contract; the GraphQL enum is upper-case. */
export const NOTIFICATION_STATUSES = LIFECYCLE_STATUSES.map(
  (status) => status.toLowerCase() as Lowercase<NotificationStatus>,
);
export const notificationStatus = z.enum(NOTIFICATION_STATUSES);
export const notificationType = z.enum(['email', 'push']);

export const sendNotificationBody = z.strictObject({
  notification_type: notificationType,
  user_id: uuid,
  template_code: id,
  variables: jsonObject.default({}),
  request_id: z
    .string()
    .min(1)
    .max(255)
    .describe('Idempotency key: the same request_id returns the original notification.'),
  priority: z.number().int().min(0).max(10).default(5),
  metadata: jsonObject.nullable().optional(),
});

export const listNotificationsQuery = z.strictObject({
  user_id: uuid.optional(),
  status: z.preprocess(
    (value) => (typeof value === 'string' ? value.toLowerCase() : value),
    notificationStatus.optional(),
  ),
  notification_type: notificationType.optional(),
  page: z.coerce.number().int().min(1).default(1),
  limit: z.coerce.number().int().min(1).max(100).default(10),
});

export const notificationIdParams = z.strictObject({ id: uuid });

export const createUserBody = z.strictObject({
  name: z.string().min(1).max(200),
  email: z.email(),
  push_token: z.string().min(1).nullable().optional(),
  preferences: z.strictObject({ email: z.boolean(), push: z.boolean() }).optional(),
  password: z.string().min(1),
});

export const listSuppressionsQuery = z.strictObject({
  page: z.coerce.number().int().min(1).default(1),
  limit: z.coerce.number().int().min(1).max(100).default(10),
});

export const userIdParams = z.strictObject({ user_id: uuid });

export const loginBody = z.strictObject({ email: z.string().min(1), password: z.string().min(1) });

/**
 * The original contract's delivery callback statuses; pending means the provider accepted it but
 * has not delivered. bounced (a hard bounce) and complained follow delivered, for email only
 * (decision 0028).
 */
const CALLBACK_STATUSES = ['delivered', 'pending', 'failed', 'bounced', 'complained'] as const;
type CallbackStatus = (typeof CALLBACK_STATUSES)[number];

/** The status of the contracts' reportable ones (the workers' and GraphQL's) that each callback status reports. */
export const REPORTED_STATUS: Readonly<Record<CallbackStatus, ReportableStatus>> = {
  delivered: 'DELIVERED',
  pending: 'SENDING',
  failed: 'FAILED',
  bounced: 'BOUNCED',
  complained: 'COMPLAINED',
};

export const statusReportBody = z.strictObject({
  notification_id: uuid,
  status: z.enum(CALLBACK_STATUSES),
  timestamp: z.iso.datetime({ offset: true }).nullable().optional(),
  error: z.string().max(2000).nullable().optional(),
});

/** An admin's replay of FAILED notifications by filter; every field narrows, none selects all. */
export const replayFailedBody = z.strictObject({
  notification_type: notificationType.optional(),
  failed_from: z.iso.datetime({ offset: true }).optional().describe('Failed at or after.'),
  failed_to: z.iso.datetime({ offset: true }).optional().describe('Failed before.'),
  reason: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe('Found in the failure\'s detail, ignoring case (e.g. "outcome unknown").'),
  limit: z.number().int().min(1).max(1000).default(100).describe('At most this many per call.'),
});

export const replayResultData = z.object({
  replayed: z.number().int().describe('How many notifications this call replayed.'),
  notification_ids: z.array(z.string()),
});

export const sendResultData = z.object({
  notification_id: z.string(),
  status: notificationStatus,
  request_id: z.string(),
  duplicate: z.boolean(),
});

export const notificationData = z.object({
  notification_id: z.string(),
  request_id: z.string(),
  notification_type: notificationType,
  status: notificationStatus,
  user_id: z.string(),
  template_code: z.string(),
  attempts: z.number().int(),
  created_at: z.iso.datetime(),
  updated_at: z.iso.datetime(),
});

export const userData = z.object({
  user_id: z.string(),
  name: z.string(),
  email: z.string(),
  preferences: z.object({ email: z.boolean(), push: z.boolean() }),
  created_at: z.iso.datetime(),
});

/** Lower-case on the wire; the GraphQL enum SuppressionReason is upper-case. */
export const SUPPRESSION_REASONS = ['hard_bounce', 'complaint', 'soft_bounces'] as const;

export const suppressionData = z.object({
  user_id: z.string(),
  address: z.string().describe('The suppressed address; a user who changes address starts clean.'),
  reason: z.enum(SUPPRESSION_REASONS),
  status_code: z.string().nullable().describe("The report's status code, e.g. 5.1.1."),
  diagnostic: z.string().nullable().describe("The report's diagnostic text."),
  notification_id: z.string().nullable().describe('The notification whose mail caused it.'),
  category: z.string().nullable(),
  created_at: z.iso.datetime(),
});

export const liftSuppressionData = z.object({
  user_id: z.string(),
  lifted: z.boolean().describe('False when the user had no suppressed address.'),
});

export const loginData = z.object({
  token: z.string().describe('Send as Authorization: Bearer <token>.'),
  expires_at: z.iso.datetime(),
  user: z.object({ user_id: z.string(), name: z.string(), email: z.string() }),
});

export const statusReportData = z.object({
  notification_id: z.string(),
  status: notificationStatus,
  applied: z.boolean(),
});

/** On every answer: a list's page; a single object is a page of one (total 1), an error of none (total 0). */
export const pageMetaSchema = z.object({
  total: z.number().int(),
  limit: z.number().int(),
  page: z.number().int(),
  total_pages: z.number().int(),
  has_next: z.boolean(),
  has_previous: z.boolean(),
});

/** The envelope's extra key on an error: what it says beyond its code (decision 0018). */
export const restErrorDetailsSchema = z.object({
  fields: z
    .array(z.object({ field: z.string(), message: z.string() }))
    .optional()
    .describe('Every bad field, on 400 BAD_USER_INPUT.'),
  correlation_id: z.string().optional().describe('On 500 INTERNAL: finds the fault in the logs.'),
});
