import { z } from 'zod';
import { UnprocessableError } from '@herald/errors';
import { findMissingVariablesByName } from '@herald/rendering';
import { skipReasonFor } from '../domain/delivery-preferences';
import { CHANNELS, type Notification, type NotificationEvent } from '../domain/notification';
import { buildQueueMessage, routingKeyFor } from '../domain/queue-message';
import { scheduleFor } from '../domain/schedule';
import type { NewNotification, Recipient, TemplateSummary } from './ports';

const MAX_VARIABLES_BYTES = 64 * 1024;

const jsonObject = z.record(z.string(), z.unknown(), { error: 'must be a JSON object' });

/** Variables and metadata are stored with every notification: each is capped, whatever the body limit. */
const boundedJsonObject = jsonObject.refine(
  (value) => Buffer.byteLength(JSON.stringify(value)) <= MAX_VARIABLES_BYTES,
  { error: 'must be at most 64 KiB of JSON' },
);

/** SendNotificationInput of schema.graphql, validated. */
export const sendNotificationInput = z.object({
  channel: z.enum(CHANNELS),
  userId: z.uuid(),
  templateCode: z.string().min(1).max(200),
  variables: boundedJsonObject.nullish().transform((value) => value ?? {}),
  requestId: z.string().min(1).max(255),
  priority: z
    .number()
    .int()
    .min(0)
    .max(10)
    .nullish()
    .transform((value) => value ?? 5),
  locale: z.string().min(2).max(35).nullish(),
  category: z.string().min(1).max(100).nullish(),
  sendAt: z.date().nullish(),
  metadata: boundedJsonObject.nullish(),
});

export type SendNotificationInput = z.output<typeof sendNotificationInput>;

export interface PrepareRequest {
  readonly input: SendNotificationInput;
  readonly sender: string;
  readonly correlationId: string;
  readonly user: Recipient;
  readonly template: TemplateSummary | undefined;
  readonly requestHash: string;
  readonly id: string;
  readonly now: Date;
}

/**
 * The rows that accept a request: UNPROCESSABLE for a template that does not fit; SKIPPED
 * (nothing queued) when the user does not want it; SCHEDULED (queued later) for a future
 * sendAt or the user's quiet hours; otherwise ACCEPTED with its queue message.
 */
export function prepareNotification(request: PrepareRequest): NewNotification {
  const { input, template, user, now } = request;
  if (!template || template.channel !== input.channel) {
    throw new UnprocessableError(`no ${input.channel} template "${input.templateCode}"`, {
      templateCode: input.templateCode,
      channel: input.channel,
    });
  }
  const missing = findMissingVariablesByName(template.variables, input.variables);
  if (missing.length > 0) {
    throw new UnprocessableError(`missing template variables: ${missing.join(', ')}`, { missing });
  }

  const skipReason = skipReasonFor(user, input.channel, input.category);
  const schedule = skipReason
    ? undefined
    : scheduleFor({
        now,
        sendAt: input.sendAt,
        category: input.category,
        quietHours: user.preferences.quietHours,
      });
  const events: NotificationEvent[] = [{ status: 'ACCEPTED', detail: null, at: now }];
  if (skipReason) events.push({ status: 'SKIPPED', detail: skipReason, at: now });
  if (schedule) events.push({ status: 'SCHEDULED', detail: schedule.reason, at: now });
  const last = events[events.length - 1]!;

  const notification: Notification = {
    id: request.id,
    requestId: input.requestId,
    sender: request.sender,
    userId: input.userId,
    channel: input.channel,
    templateCode: input.templateCode,
    templateVersion: template.version,
    locale: template.locale ?? input.locale ?? user.locale,
    category: input.category ?? null,
    variables: input.variables,
    metadata: input.metadata ?? null,
    priority: input.priority,
    status: last.status,
    statusDetail: last.detail,
    attempts: 0,
    claimedBy: null,
    claimLease: null,
    outcomeUnknown: false,
    requestHash: request.requestHash,
    sendAt: input.sendAt ?? null,
    dueAt: schedule?.dueAt ?? null,
    correlationId: request.correlationId,
    createdAt: now,
    updatedAt: now,
  };
  const outbox =
    skipReason || schedule
      ? undefined
      : {
          routingKey: routingKeyFor(notification.channel),
          payload: buildQueueMessage(notification, request.correlationId),
          priority: notification.priority,
          correlationId: request.correlationId,
        };
  return { notification, events, outbox };
}
