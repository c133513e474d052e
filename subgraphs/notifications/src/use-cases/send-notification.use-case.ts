import { z } from 'zod';
import { ConflictError, NotFoundError, UnprocessableError } from '@herald/errors';
import { skipReasonFor } from '../domain/delivery-preferences';
import { CHANNELS, type Notification, type NotificationEvent } from '../domain/notification';
import { buildQueueMessage, routingKeyFor } from '../domain/queue-message';
import { fingerprintRequest } from '../domain/request-fingerprint';
import { missingVariables } from '../domain/template-variables';
import type { NotificationRepository } from '../store/notification.repository';
import type { Clock, TemplateCatalog, UserDirectory } from './ports';

const jsonObject = z.record(z.string(), z.unknown());

/** SendNotificationInput of schema.graphql, validated. */
export const sendNotificationInput = z.object({
  channel: z.enum(CHANNELS),
  userId: z.uuid(),
  templateCode: z.string().min(1).max(200),
  variables: jsonObject.nullish().transform((value) => value ?? {}),
  requestId: z.string().min(1).max(200),
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
  metadata: jsonObject.nullish(),
});

export type SendNotificationInput = z.output<typeof sendNotificationInput>;

export interface SendNotificationCommand {
  readonly input: SendNotificationInput;
  /** The caller's identity id. */
  readonly sender: string;
  readonly correlationId: string;
}

export interface SendResult {
  readonly notification: Notification;
  /** True when the request id was already accepted; the original is returned. */
  readonly duplicate: boolean;
}

export interface SendNotificationDeps {
  readonly notifications: NotificationRepository;
  readonly users: UserDirectory;
  readonly templates: TemplateCatalog;
  readonly clock: Clock;
  readonly newId: () => string;
  /** Wakes the outbox relay so an accepted notification is queued at once. */
  readonly onQueued: () => void;
}

export type SendNotification = (command: SendNotificationCommand) => Promise<SendResult>;

/**
 * Accepts a notification once per (sender, requestId): a retry with the same body gets the
 * original back, a reused id with another body is a conflict. The notification, its
 * timeline and its outbox message are written together, so it is queued exactly when stored.
 */
export function makeSendNotification(deps: SendNotificationDeps): SendNotification {
  return async ({ input, sender, correlationId }) => {
    const requestHash = fingerprintRequest(input);
    const earlier = await deps.notifications.findByRequest(sender, input.requestId);
    if (earlier) return originalOf(earlier, requestHash);

    const now = deps.clock.now();
    if (input.sendAt && input.sendAt > now) {
      throw new UnprocessableError('scheduled sending (sendAt in the future) is not available yet', {
        field: 'sendAt',
      });
    }
    const user = await deps.users.findUser(input.userId);
    if (!user) throw new NotFoundError(`user ${input.userId} not found`, { userId: input.userId });
    const template = await deps.templates.findTemplate(input.templateCode, input.locale ?? user.locale);
    if (!template || template.channel !== input.channel) {
      throw new UnprocessableError(`no ${input.channel} template "${input.templateCode}"`, {
        templateCode: input.templateCode,
        channel: input.channel,
      });
    }
    const missing = missingVariables(template.variables, input.variables);
    if (missing.length > 0) {
      throw new UnprocessableError(`missing template variables: ${missing.join(', ')}`, { missing });
    }

    const skipReason = skipReasonFor(user.preferences, input.channel, input.category);
    const notification: Notification = {
      id: deps.newId(),
      requestId: input.requestId,
      sender,
      userId: input.userId,
      channel: input.channel,
      templateCode: input.templateCode,
      templateVersion: template.version,
      locale: template.locale ?? input.locale ?? user.locale,
      category: input.category ?? null,
      variables: input.variables,
      metadata: input.metadata ?? null,
      priority: input.priority,
      status: skipReason ? 'SKIPPED' : 'ACCEPTED',
      statusDetail: skipReason ?? null,
      attempts: 0,
      requestHash,
      createdAt: now,
      updatedAt: now,
    };
    const events: NotificationEvent[] = [{ status: 'ACCEPTED', detail: null, at: now }];
    if (skipReason) events.push({ status: 'SKIPPED', detail: skipReason, at: now });
    const outbox = skipReason
      ? undefined
      : {
          routingKey: routingKeyFor(notification.channel),
          payload: buildQueueMessage(notification, correlationId),
          priority: notification.priority,
          correlationId,
        };

    const outcome = await deps.notifications.insert(notification, events, outbox);
    if (outcome === 'duplicate-request') {
      // A concurrent request with the same id committed first.
      const original = await deps.notifications.findByRequest(sender, input.requestId);
      if (!original) throw new Error(`request ${input.requestId} clashed but its notification is gone`);
      return originalOf(original, requestHash);
    }
    if (outbox) deps.onQueued();
    return { notification, duplicate: false };
  };
}

function originalOf(original: Notification, requestHash: string): SendResult {
  if (original.requestHash !== requestHash) {
    throw new ConflictError(
      `requestId "${original.requestId}" was already used for a different notification`,
      {
        requestId: original.requestId,
        notificationId: original.id,
      },
    );
  }
  return { notification: original, duplicate: true };
}
