import { z } from 'zod';
import { ConflictError, isHeraldError, NotFoundError, UnprocessableError } from '@herald/errors';
import type { Logger } from '@herald/logging';
import { parseInput, requireScope, SCOPES, type Caller } from '@herald/subgraph';
import { skipReasonFor } from '../domain/delivery-preferences';
import { CHANNELS, type Notification, type NotificationEvent } from '../domain/notification';
import { buildQueueMessage, routingKeyFor } from '../domain/queue-message';
import { fingerprintRequest } from '../domain/request-fingerprint';
import { scheduleFor } from '../domain/schedule';
import { missingVariables } from '../domain/template-variables';
import type { NewNotification, NotificationRepository } from '../store/notification.repository';
import type {
  Clock,
  Recipient,
  RequestIndex,
  StatusFeed,
  TemplateCatalog,
  TemplateSummary,
  UserDirectory,
} from './ports';

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

export interface SendNotificationCommand {
  /** SendNotificationInput as the entry point received it; validated here. */
  readonly input: unknown;
  /** Needs notifications:send (or admin); its identity id is the sender idempotency is keyed by. */
  readonly caller: Caller;
  readonly correlationId: string;
}

/** A request that passed the rules: valid, from a sender allowed to send. */
interface AcceptedRequest {
  readonly input: SendNotificationInput;
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
  readonly requestIndex: RequestIndex;
  readonly clock: Clock;
  readonly newId: () => string;
  readonly statusFeed: StatusFeed;
  /** Wakes the outbox relay so an accepted notification is queued at once. */
  readonly onQueued: () => void;
  /** Writes the "accepted" line of each new notification's lifecycle (in the request's log context). */
  readonly log: Logger;
}

export type SendNotification = (command: SendNotificationCommand) => Promise<SendResult>;

/**
 * Accepts a notification once per (sender, requestId): a retry with the same body gets the
 * original back, a reused id with another body is a conflict. The notification, its
 * timeline and its outbox message are written together, so it is queued exactly when stored.
 */
export function makeSendNotification(deps: SendNotificationDeps): SendNotification {
  return async ({ input: raw, caller, correlationId }) => {
    const sender = requireScope(caller, SCOPES.notificationsSend).id;
    const input = parseInput(sendNotificationInput, raw);
    const request: AcceptedRequest = { input, sender, correlationId };
    const requestHash = fingerprintRequest(input);
    const known = await findKnown(deps, sender, input.requestId, requestHash);
    if (known) return originalOf(known, requestHash);

    // Unknown to Redis: straight to the insert, whose unique index catches a repeat.
    let accepted: NewNotification;
    try {
      accepted = await prepare(deps, request, requestHash);
    } catch (error) {
      // A repeat is answered with its original even when its user or template has gone since.
      const original =
        isHeraldError(error) && (await deps.notifications.findByRequest(sender, input.requestId));
      if (original) return originalOf(original, requestHash);
      throw error;
    }

    const [outcome] = await deps.notifications.insertMany([accepted]);
    if (!outcome?.inserted) {
      // Sent before (Redis forgot it) or by a concurrent request that committed first.
      const original = await deps.notifications.findByRequest(sender, input.requestId);
      if (!original) throw new Error(`request ${input.requestId} clashed but its notification is gone`);
      return originalOf(original, requestHash);
    }
    await deps.requestIndex.remember(sender, input.requestId, {
      notificationId: accepted.notification.id,
      requestHash,
    });
    // Committed: the relay's pass starts while the rest of the answer is prepared.
    if (accepted.outbox) deps.onQueued();
    logAccepted(deps.log, accepted.notification);
    await deps.statusFeed.publish(outcome.events);
    return { notification: accepted.notification, duplicate: false };
  };
}

/**
 * The notification Redis remembers for this request id; a reused id with another body is
 * refused without touching PostgreSQL.
 */
async function findKnown(
  deps: SendNotificationDeps,
  sender: string,
  requestId: string,
  requestHash: string,
): Promise<Notification | undefined> {
  const known = await deps.requestIndex.find(sender, requestId);
  if (!known) return undefined;
  if (known.requestHash !== requestHash) throw reusedRequestId(requestId, known.notificationId);
  return deps.notifications.findById(known.notificationId);
}

/** The rows of a new notification, after asking users and templates about it. */
async function prepare(
  deps: SendNotificationDeps,
  { input, sender, correlationId }: AcceptedRequest,
  requestHash: string,
): Promise<NewNotification> {
  const user = await deps.users.findUser(input.userId);
  if (!user) throw new NotFoundError(`user ${input.userId} not found`, { userId: input.userId });
  const template = await deps.templates.findTemplate(input.templateCode, input.locale ?? user.locale);
  return prepareNotification({
    input,
    sender,
    correlationId,
    user,
    template,
    requestHash,
    id: deps.newId(),
    now: deps.clock.now(),
  });
}

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
  const missing = missingVariables(template.variables, input.variables);
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

/** The first hop of a notification's lifecycle; its status says whether it was queued, scheduled or skipped. */
export function logAccepted(log: Logger, notification: Notification): void {
  log.info(
    { notification_id: notification.id, status: notification.status, channel: notification.channel },
    'notification accepted',
  );
}

/** The original of a repeated request id: the same body is a duplicate, another body a conflict. */
export function originalOf(original: Notification, requestHash: string): SendResult {
  if (original.requestHash !== requestHash) throw reusedRequestId(original.requestId, original.id);
  return { notification: original, duplicate: true };
}

function reusedRequestId(requestId: string, notificationId: string): ConflictError {
  return new ConflictError(`requestId "${requestId}" was already used for a different notification`, {
    requestId,
    notificationId,
  });
}
