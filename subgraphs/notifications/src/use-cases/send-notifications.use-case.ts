import { isHeraldError, type HeraldError } from '@herald/errors';
import { parseInput } from '@herald/subgraph';
import { requireScope, SCOPES, type Caller } from '@herald/identity';
import { z } from 'zod';
import type { Notification } from '../domain/notification';
import type { AcceptNotifications } from './accept-notifications';
import { sendNotificationInput, type SendNotificationInput } from './prepare-notification';

export const MAX_BULK_ITEMS = 1000;

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

/** Bulk sendNotification: each item validated on its own, the valid ones accepted together. */
export function makeSendNotifications(acceptMany: AcceptNotifications): SendNotifications {
  return async ({ inputs: raw, caller, correlationId }) => {
    const sender = requireScope(caller, SCOPES.notificationsSend).id;
    const { inputs } = parseInput(bulkArguments, { inputs: raw });
    const results: BulkSendResult[] = [];
    const valid: { index: number; input: SendNotificationInput }[] = [];
    inputs.forEach((item, index) => {
      try {
        valid.push({ index, input: parseInput(sendNotificationInput, item) });
      } catch (error) {
        if (!isHeraldError(error)) throw error;
        results[index] = failed(index, requestIdOf(item), error);
      }
    });

    const outcomes = await acceptMany({ sender, correlationId, inputs: valid.map(({ input }) => input) });
    valid.forEach(({ index, input }, position) => {
      const outcome = outcomes[position]!;
      results[index] = isHeraldError(outcome)
        ? failed(index, input.requestId, outcome)
        : { index, requestId: input.requestId, error: null, ...outcome };
    });
    return results;
  };
}

function failed(index: number, requestId: string | null, error: HeraldError): BulkSendResult {
  return {
    index,
    requestId,
    notification: null,
    duplicate: false,
    error: { code: error.code, message: error.message, details: error.details },
  };
}

function requestIdOf(raw: unknown): string | null {
  if (raw === null || typeof raw !== 'object') return null;
  const requestId = (raw as { requestId?: unknown }).requestId;
  return typeof requestId === 'string' ? requestId : null;
}
