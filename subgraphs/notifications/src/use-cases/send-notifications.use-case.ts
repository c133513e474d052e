import { isHeraldError, NotFoundError } from '@herald/errors';
import { parseInput } from '@herald/subgraph';
import { requireScope, SCOPES, type Caller } from '@herald/identity';
import { z } from 'zod';
import type { Notification } from '../domain/notification';
import { fingerprintRequest } from '../domain/request-fingerprint';
import type { NewNotification } from '../store/notification.repository';
import type { TemplateSummary } from './ports';
import {
  logAccepted,
  originalOf,
  prepareNotification,
  sendNotificationInput,
  type SendNotificationDeps,
  type SendNotificationInput,
} from './send-notification.use-case';

export const MAX_BULK_ITEMS = 1000;
/** Rows per INSERT statement: a failed chunk costs little, and locks stay short. */
const CHUNK_SIZE = 200;

export interface BulkItemError {
  readonly code: string;
  readonly message: string;
  readonly details: Readonly<Record<string, unknown>>;
}

/** The outcome of one item: its notification (new or the original), or its own error. */
export interface BulkSendResult {
  readonly index: number;
  readonly requestId: string | null;
  readonly notification: Notification | null;
  readonly duplicate: boolean;
  readonly error: BulkItemError | null;
}

export interface SendNotificationsCommand {
  /** 1 to MAX_BULK_ITEMS raw items; each is validated on its own so one bad item fails alone. */
  readonly inputs: unknown;
  /** Needs notifications:send (or admin), as a single send. */
  readonly caller: Caller;
  readonly correlationId: string;
}

const bulkArguments = z.object({ inputs: z.array(z.unknown()).min(1).max(MAX_BULK_ITEMS) });

export type SendNotifications = (command: SendNotificationsCommand) => Promise<BulkSendResult[]>;

interface Pending {
  readonly index: number;
  readonly input: SendNotificationInput;
  readonly requestHash: string;
}

/**
 * Bulk sendNotification: the same rules per item, with one GetUsers lookup per 500 users, one
 * template lookup per (code, locale), and one INSERT statement per chunk of rows.
 */
export function makeSendNotifications(deps: SendNotificationDeps): SendNotifications {
  return async ({ inputs: raw, caller, correlationId }) => {
    const sender = requireScope(caller, SCOPES.notificationsSend).id;
    const { inputs } = parseInput(bulkArguments, { inputs: raw });
    const results: BulkSendResult[] = [];
    const settle = (index: number, requestId: string | null, outcome: Partial<BulkSendResult>) => {
      results[index] = { index, requestId, notification: null, duplicate: false, error: null, ...outcome };
    };
    const fail = (index: number, requestId: string | null, error: unknown) => {
      if (!isHeraldError(error)) throw error;
      settle(index, requestId, {
        error: { code: error.code, message: error.message, details: error.details },
      });
    };

    const valid: Pending[] = [];
    inputs.forEach((raw, index) => {
      try {
        const input = parseInput(sendNotificationInput, raw);
        valid.push({ index, input, requestHash: fingerprintRequest(input) });
      } catch (error) {
        fail(index, requestIdOf(raw), error);
      }
    });

    const earlier = await deps.notifications.findByRequests(
      sender,
      valid.map((item) => item.input.requestId),
    );
    const fresh: Pending[] = [];
    for (const item of valid) {
      const original = earlier.get(item.input.requestId);
      if (!original) fresh.push(item);
      else answerWithOriginal(item, original);
    }

    const users = await deps.users.findUsers(fresh.map((item) => item.input.userId));
    const templates = new Map<string, Promise<TemplateSummary | undefined>>();
    const templateFor = (code: string, locale: string | null) => {
      const key = `${code}\u0000${locale ?? ''}`;
      if (!templates.has(key)) templates.set(key, deps.templates.findTemplate(code, locale));
      return templates.get(key)!;
    };

    const prepared: { item: Pending; row: NewNotification }[] = [];
    const now = deps.clock.now();
    for (const item of fresh) {
      const { input } = item;
      try {
        const user = users.get(input.userId);
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
        prepared.push({ item, row });
      } catch (error) {
        fail(item.index, input.requestId, error);
      }
    }

    const clashed: Pending[] = [];
    for (let offset = 0; offset < prepared.length; offset += CHUNK_SIZE) {
      const chunk = prepared.slice(offset, offset + CHUNK_SIZE);
      const outcomes = await deps.notifications.insertMany(chunk.map(({ row }) => row));
      const events = [];
      let queued = false;
      for (const [position, { item, row }] of chunk.entries()) {
        const outcome = outcomes[position];
        if (!outcome?.inserted) {
          clashed.push(item);
          continue;
        }
        logAccepted(deps.log, row.notification);
        events.push(...outcome.events);
        queued ||= row.outbox !== undefined;
        settle(item.index, item.input.requestId, { notification: row.notification });
      }
      // Each chunk is committed on its own: the relay publishes it while the next one is written.
      if (queued) deps.onQueued();
      await deps.statusFeed.publish(events);
    }

    // Repeated within the batch, or sent concurrently by another request.
    const originals = await deps.notifications.findByRequests(
      sender,
      clashed.map((item) => item.input.requestId),
    );
    for (const item of clashed) {
      const original = originals.get(item.input.requestId);
      if (!original) throw new Error(`request ${item.input.requestId} clashed but its notification is gone`);
      answerWithOriginal(item, original);
    }
    return results;

    function answerWithOriginal(item: Pending, original: Notification) {
      try {
        const { notification } = originalOf(original, item.requestHash);
        settle(item.index, item.input.requestId, { notification, duplicate: true });
      } catch (error) {
        fail(item.index, item.input.requestId, error);
      }
    }
  };
}

function requestIdOf(raw: unknown): string | null {
  if (raw === null || typeof raw !== 'object') return null;
  const requestId = (raw as { requestId?: unknown }).requestId;
  return typeof requestId === 'string' ? requestId : null;
}
