import type { RequestOptions } from '../client-options.ts';
import { errorFromCode } from '../errors/error-from-code.ts';
import type { HeraldClientError } from '../errors/herald-client-error.ts';
import { InternalError } from '../generated/error-classes.ts';
import {
  CancelNotificationDocument,
  NotificationDocument,
  NotificationsDocument,
  ReplayFailedNotificationsDocument,
  RetryNotificationDocument,
  SendNotificationDocument,
  SendNotificationsDocument,
  type NotificationDetailFragment,
  type NotificationSummaryFragment,
  type NotificationsQueryVariables,
  type ReplayFailedFilter,
  type ReplayFailedNotificationsMutation,
  type SendNotificationInput,
  type SendNotificationsMutation,
} from '../generated/operations.ts';
import type { RunOperation } from '../transport/http-transport.ts';
import type { Page } from './page.ts';

/** A send whose requestId may be left out: the client then makes one (a UUID) for this call. */
export type SendInput = Omit<SendNotificationInput, 'requestId'> & { readonly requestId?: string };

export interface SendResult {
  readonly notification: NotificationSummaryFragment;
  /** True when this requestId was accepted before: the notification is the original one. */
  readonly duplicate: boolean;
}

/** One item of a bulk send, in input order: its notification, or why it was refused. */
export type BulkSendItem =
  | {
      readonly index: number;
      readonly duplicate: boolean;
      readonly notification: NotificationSummaryFragment;
      readonly error: null;
    }
  | {
      readonly index: number;
      readonly duplicate: false;
      readonly notification: null;
      readonly error: HeraldClientError;
    };

export interface NotificationsApi {
  send(input: SendInput, options?: RequestOptions): Promise<SendResult>;
  /** Up to 1,000 at once; each item succeeds or fails on its own. */
  sendMany(inputs: readonly SendInput[], options?: RequestOptions): Promise<BulkSendItem[]>;
  /** With its variables, metadata, timeline and user; null when it does not exist or is not the caller's. */
  get(id: string, options?: RequestOptions): Promise<NotificationDetailFragment | null>;
  list(
    query?: NotificationsQueryVariables,
    options?: RequestOptions,
  ): Promise<Page<NotificationSummaryFragment>>;
  /** SCHEDULED → CANCELLED; a ConflictError once it is no longer scheduled. */
  cancel(id: string, options?: RequestOptions): Promise<NotificationSummaryFragment>;
  /** Admin: sends a FAILED notification again, with a new series of attempts. */
  retry(id: string, options?: RequestOptions): Promise<NotificationSummaryFragment>;
  /**
   * Admin: replays the FAILED notifications the filter selects, oldest failure first, at most
   * `limit` (default 100, at most 1,000) a call; call again until `replayed` is 0.
   */
  replayFailed(
    filter?: ReplayFailedFilter,
    limit?: number,
    options?: RequestOptions,
  ): Promise<ReplayFailedNotificationsMutation['replayFailedNotifications']>;
}

export function createNotificationsApi(run: RunOperation, newRequestId: () => string): NotificationsApi {
  const withRequestId = (input: SendInput): SendNotificationInput => ({
    ...input,
    requestId: input.requestId ?? newRequestId(),
  });
  return {
    async send(input, options) {
      const { sendNotification } = await run(
        SendNotificationDocument,
        { input: withRequestId(input) },
        options,
      );
      const { notification, duplicate } = sendNotification;
      if (!notification) throw new InternalError('sendNotification answered without a notification');
      return { notification, duplicate };
    },
    async sendMany(inputs, options) {
      const { sendNotifications } = await run(
        SendNotificationsDocument,
        { inputs: inputs.map(withRequestId) },
        options,
      );
      return sendNotifications.map(bulkSendItem);
    },
    async get(id, options) {
      return (await run(NotificationDocument, { id }, options)).notification;
    },
    async list(query = {}, options) {
      return (await run(NotificationsDocument, query, options)).notifications;
    },
    async cancel(id, options) {
      return (await run(CancelNotificationDocument, { id }, options)).cancelNotification;
    },
    async retry(id, options) {
      return (await run(RetryNotificationDocument, { id }, options)).retryNotification;
    },
    async replayFailed(filter, limit, options) {
      return (await run(ReplayFailedNotificationsDocument, { filter, limit }, options))
        .replayFailedNotifications;
    },
  };
}

type BulkResult = SendNotificationsMutation['sendNotifications'][number];

function bulkSendItem(result: BulkResult, position: number): BulkSendItem {
  const index = result.index ?? position;
  if (result.notification) {
    return { index, duplicate: result.duplicate, notification: result.notification, error: null };
  }
  const refusal = result.error ?? { code: 'INTERNAL', message: 'refused without a reason', details: null };
  return {
    index,
    duplicate: false,
    notification: null,
    error: errorFromCode(refusal.code, refusal.message, { details: refusal.details ?? {} }),
  };
}
