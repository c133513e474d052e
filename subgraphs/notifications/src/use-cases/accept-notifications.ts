import { ConflictError, HeraldError, isHeraldError, NotFoundError } from '@herald/errors';
import type { Logger } from '@herald/logging';
import type { Notification } from '../domain/notification';
import { fingerprintRequest } from '../domain/request-fingerprint';
import type {
  Clock,
  NewNotification,
  NotificationRepository,
  Recipient,
  RequestIndex,
  StatusFeed,
  TemplateCatalog,
  TemplateSummary,
  UserDirectory,
} from './ports';
import { prepareNotification, type SendNotificationInput } from './prepare-notification';

/** Rows per INSERT statement: a failed chunk costs little, and locks stay short. */
const CHUNK_SIZE = 200;

export interface SendResult {
  readonly notification: Notification;
  /** True when the request id was already accepted; the original is returned. */
  readonly duplicate: boolean;
}

export interface AcceptNotificationsDeps {
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

export interface AcceptCommand {
  /** The identity id idempotency is keyed by. */
  readonly sender: string;
  readonly correlationId: string;
  /** Validated inputs. */
  readonly inputs: readonly SendNotificationInput[];
}

/** One outcome per input, in order: its notification (new or the original), or its own error. */
export type AcceptNotifications = (command: AcceptCommand) => Promise<(SendResult | HeraldError)[]>;

interface Pending {
  readonly index: number;
  readonly input: SendNotificationInput;
  readonly requestHash: string;
}

/**
 * Accepts each request once per (sender, requestId): a retry with the same body gets the
 * original back, a reused id with another body is a conflict. A notification, its timeline and
 * its outbox message are written together, so it is queued exactly when stored.
 *
 * Redis answers the repeats it knows; the others go straight to the insert, whose unique index
 * catches a repeat Redis forgot. Users are looked up once for the batch, each template once per
 * (code, locale), and rows are inserted a chunk per statement.
 */
export function makeAcceptNotifications(deps: AcceptNotificationsDeps): AcceptNotifications {
  return async ({ sender, correlationId, inputs }) => {
    const results: (SendResult | HeraldError)[] = [];
    const pending = inputs.map((input, index) => ({ index, input, requestHash: fingerprintRequest(input) }));
    const answerWithOriginal = (item: Pending, original: Notification) => {
      results[item.index] = originalOf(original, item.requestHash);
    };

    const fresh = await answerKnownRepeats(deps, sender, pending, results);
    const { prepared, refused, lookupFailure } = await prepareAll(deps, sender, correlationId, fresh);
    const clashed = await insertPrepared(deps, sender, prepared, results);

    // A repeat is answered with its original even when its user or template has gone since.
    const originals = await deps.notifications.findByRequests(sender, [
      ...refused.map(({ item }) => item.input.requestId),
      ...clashed.map((item) => item.input.requestId),
    ]);
    for (const { item, error } of refused) {
      const original = originals.get(item.input.requestId);
      if (original) answerWithOriginal(item, original);
      // Users could not be asked: the request fails as a whole, as it would for one item.
      else if (error === lookupFailure) throw error;
      else results[item.index] = error;
    }
    // Repeated within the batch, sent before (Redis forgot it) or by a concurrent request that committed first.
    for (const item of clashed) {
      const original = originals.get(item.input.requestId);
      if (!original) throw new Error(`request ${item.input.requestId} clashed but its notification is gone`);
      answerWithOriginal(item, original);
    }
    return results;
  };
}

/**
 * Answers the items Redis remembers (a reused id with another body is refused without touching
 * PostgreSQL) and returns the others.
 */
async function answerKnownRepeats(
  deps: AcceptNotificationsDeps,
  sender: string,
  items: readonly Pending[],
  results: (SendResult | HeraldError)[],
): Promise<Pending[]> {
  const known = await Promise.all(items.map((item) => deps.requestIndex.find(sender, item.input.requestId)));
  const remembered: { item: Pending; notificationId: string }[] = [];
  const fresh: Pending[] = [];
  items.forEach((item, position) => {
    const entry = known[position];
    if (!entry) fresh.push(item);
    else if (entry.requestHash !== item.requestHash) {
      results[item.index] = reusedRequestId(item.input.requestId, entry.notificationId);
    } else remembered.push({ item, notificationId: entry.notificationId });
  });
  if (remembered.length === 0) return fresh;
  const originals = await deps.notifications.findByIds(
    remembered.map(({ notificationId }) => notificationId),
  );
  for (const { item, notificationId } of remembered) {
    const original = originals.get(notificationId);
    if (original) results[item.index] = originalOf(original, item.requestHash);
    else fresh.push(item);
  }
  return fresh;
}

interface Prepared {
  readonly prepared: { item: Pending; row: NewNotification }[];
  /** Items the rules refused; each may still be a repeat, answered with its original. */
  readonly refused: { item: Pending; error: HeraldError }[];
  /** Why the users service could not be asked, when it could not. */
  readonly lookupFailure: HeraldError | undefined;
}

/** The rows of the new notifications, after asking users and templates about them. */
async function prepareAll(
  deps: AcceptNotificationsDeps,
  sender: string,
  correlationId: string,
  items: readonly Pending[],
): Promise<Prepared> {
  const result: Prepared = { prepared: [], refused: [], lookupFailure: undefined };
  if (items.length === 0) return result;
  let recipientOf: (userId: string) => Recipient | undefined;
  try {
    recipientOf = await findRecipients(
      deps.users,
      items.map((item) => item.input.userId),
    );
  } catch (error) {
    if (!isHeraldError(error)) throw error;
    return { ...result, refused: items.map((item) => ({ item, error })), lookupFailure: error };
  }
  const templates = new Map<string, Promise<TemplateSummary | undefined>>();
  const templateFor = (code: string, locale: string | null) => {
    const key = `${code}\u0000${locale ?? ''}`;
    if (!templates.has(key)) templates.set(key, deps.templates.findTemplate(code, locale));
    return templates.get(key)!;
  };
  const now = deps.clock.now();
  for (const item of items) {
    const { input } = item;
    try {
      const user = recipientOf(input.userId);
      if (!user) throw new NotFoundError(`user ${input.userId} not found`, { userId: input.userId });
      const template = await templateFor(input.templateCode, input.locale ?? user.locale);
      const row = prepareNotification({
        input,
        sender,
        correlationId,
        user,
        template,
        requestHash: item.requestHash,
        id: deps.newId(),
        now,
      });
      result.prepared.push({ item, row });
    } catch (error) {
      if (!isHeraldError(error)) throw error;
      result.refused.push({ item, error });
    }
  }
  return result;
}

/**
 * The recipients by user id (any spelling of it). A lone user goes through findUser, whose cache
 * shares concurrent loads of one user (the single send's hot path); more take one batched lookup.
 */
async function findRecipients(
  users: UserDirectory,
  userIds: readonly string[],
): Promise<(userId: string) => Recipient | undefined> {
  const unique = [...new Set(userIds)];
  const found = new Map<string, Recipient>();
  if (unique.length === 1) {
    const recipient = await users.findUser(unique[0]!);
    if (recipient) found.set(unique[0]!.toLowerCase(), recipient);
  } else {
    for (const [id, recipient] of await users.findUsers(unique)) found.set(id.toLowerCase(), recipient);
  }
  return (userId) => found.get(userId.toLowerCase());
}

/**
 * Inserts the rows a chunk at a time, each committed on its own so the relay publishes it while
 * the next is written; settles the items inserted and returns those whose request id was taken.
 */
async function insertPrepared(
  deps: AcceptNotificationsDeps,
  sender: string,
  prepared: readonly { item: Pending; row: NewNotification }[],
  results: (SendResult | HeraldError)[],
): Promise<Pending[]> {
  const clashed: Pending[] = [];
  for (let offset = 0; offset < prepared.length; offset += CHUNK_SIZE) {
    const chunk = prepared.slice(offset, offset + CHUNK_SIZE);
    const outcomes = await deps.notifications.insertMany(chunk.map(({ row }) => row));
    const inserted = chunk.filter((_, position) => outcomes[position]?.inserted);
    clashed.push(...chunk.filter((_, position) => !outcomes[position]?.inserted).map(({ item }) => item));
    await Promise.all(
      inserted.map(({ item, row }) =>
        deps.requestIndex.remember(sender, item.input.requestId, {
          notificationId: row.notification.id,
          requestHash: item.requestHash,
        }),
      ),
    );
    if (inserted.some(({ row }) => row.outbox !== undefined)) deps.onQueued();
    for (const { item, row } of inserted) {
      logAccepted(deps.log, row.notification);
      results[item.index] = { notification: row.notification, duplicate: false };
    }
    await deps.statusFeed.publish(outcomes.flatMap((outcome) => (outcome.inserted ? outcome.events : [])));
  }
  return clashed;
}

/** The first hop of a notification's lifecycle; its status says whether it was queued, scheduled or skipped. */
function logAccepted(log: Logger, notification: Notification): void {
  log.info(
    { notification_id: notification.id, status: notification.status, channel: notification.channel },
    'notification accepted',
  );
}

/** The original of a repeated request id: the same body is a duplicate, another body a conflict. */
function originalOf(original: Notification, requestHash: string): SendResult | ConflictError {
  if (original.requestHash !== requestHash) return reusedRequestId(original.requestId, original.id);
  return { notification: original, duplicate: true };
}

function reusedRequestId(requestId: string, notificationId: string): ConflictError {
  return new ConflictError(`requestId "${requestId}" was already used for a different notification`, {
    requestId,
    notificationId,
  });
}
