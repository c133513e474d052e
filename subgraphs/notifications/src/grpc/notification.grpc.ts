import { z } from 'zod';
import { NotFoundError } from '@herald/errors';
import { snakeCasePageMeta } from '@herald/paging';
import type {
  CallContext,
  GrpcSendRequest,
  NotificationServiceDefinition,
  UnaryImplementation,
} from '@herald/proto';
import { decodeIdentity, IDENTITY_HEADER, type Caller } from '@herald/identity';
import type { Notification } from '../domain/notification';
import type { GetNotification } from '../use-cases/get-notification.use-case';
import type { ListNotifications } from '../use-cases/list-notifications.use-case';
import type { ReplayFailed } from '../use-cases/replay-failed.use-case';
import type { ReportStatusCallback } from '../use-cases/report-status-callback.use-case';
import type { SendNotification } from '../use-cases/send-notification.use-case';
import type { SendNotifications } from '../use-cases/send-notifications.use-case';

export interface NotificationGrpcDeps {
  readonly sendNotification: SendNotification;
  readonly sendNotifications: SendNotifications;
  readonly getNotification: GetNotification;
  readonly listNotifications: ListNotifications;
  readonly reportStatusCallback: ReportStatusCallback;
  readonly replayFailed: ReplayFailed;
}

/**
 * NotificationService for the gateway's REST shim: each call decodes the wire format into the
 * shape the GraphQL resolvers pass (camelCase, JSON objects, Dates, null for empty) and calls
 * the same use case, which validates and authorizes the forwarded caller. Errors cross as
 * HeraldErrors (createGrpcServer puts their code and details in the trailers).
 */
export function createNotificationGrpc(
  deps: NotificationGrpcDeps,
): UnaryImplementation<NotificationServiceDefinition> {
  return {
    Send: async (request, context) => {
      const result = await deps.sendNotification({
        input: sendInputOf(request),
        caller: callerOf(context),
        correlationId: context.correlationId,
      });
      return { notification: grpcNotification(result.notification), duplicate: result.duplicate };
    },
    SendBatch: async (request, context) => {
      const results = await deps.sendNotifications({
        inputs: request.items.map(sendInputOf),
        caller: callerOf(context),
        correlationId: context.correlationId,
      });
      return {
        results: results.map((result) => ({
          index: result.index,
          notification: result.notification ? grpcNotification(result.notification) : null,
          duplicate: result.duplicate,
          error: result.error
            ? {
                code: result.error.code,
                message: result.error.message,
                details_json: JSON.stringify(result.error.details),
              }
            : null,
        })),
      };
    },
    Get: async ({ id }, context) => {
      const notification = await deps.getNotification(id, callerOf(context));
      if (!notification) throw new NotFoundError(`notification ${id} not found`, { id });
      return grpcNotification(notification);
    },
    List: async ({ filter, page, limit }, context) => {
      const { items, meta } = await deps.listNotifications({
        input: {
          filter: {
            userId: filter?.user_id || null,
            status: filter?.status || null,
            channel: filter?.channel || null,
          },
          page: page || null,
          limit: limit || null,
        },
        caller: callerOf(context),
      });
      return {
        items: items.map(grpcNotification),
        meta: snakeCasePageMeta(meta),
      };
    },
    ReportStatus: async (request, context) => {
      const outcome = await deps.reportStatusCallback({
        input: {
          notificationId: request.notification_id,
          channel: request.channel,
          status: request.status,
          detail: request.detail || null,
          at: timestampOf(request.at),
        },
        caller: callerOf(context),
      });
      return { notification_id: outcome.notificationId, applied: outcome.applied, status: outcome.status };
    },
    ReplayFailed: async (request, context) => {
      const outcome = await deps.replayFailed({
        input: {
          filter: {
            channel: request.channel || null,
            failedFrom: timestampOf(request.failed_from),
            failedTo: timestampOf(request.failed_to),
            reason: request.reason || null,
          },
          limit: request.limit || null,
        },
        caller: callerOf(context),
        correlationId: context.correlationId,
      });
      return { replayed: outcome.replayed, notification_ids: outcome.notificationIds };
    },
  };
}

/** The identity the gateway forwarded; none (or an unreadable one) is an anonymous caller. */
function callerOf(context: CallContext): Caller {
  return { identity: decodeIdentity(context.metadataValue(IDENTITY_HEADER)) };
}

function sendInputOf(request: GrpcSendRequest) {
  return {
    channel: request.channel,
    userId: request.user_id,
    templateCode: request.template_code,
    variables: jsonOf(request.variables_json),
    requestId: request.request_id,
    priority: request.priority ?? null,
    locale: request.locale || null,
    category: request.category || null,
    sendAt: timestampOf(request.send_at),
    metadata: jsonOf(request.metadata_json),
  };
}

/** Null when empty; text that is not JSON is passed on as it is, for the use case to refuse. */
function jsonOf(text: string | undefined): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

const isoTimestamp = z.iso.datetime({ offset: true });

/** Null when empty; anything but an ISO-8601 timestamp becomes an invalid Date, which the use case refuses. */
function timestampOf(text: string | undefined): Date | null {
  if (!text) return null;
  return new Date(isoTimestamp.safeParse(text).success ? text : Number.NaN);
}

function grpcNotification(notification: Notification) {
  return {
    id: notification.id,
    request_id: notification.requestId,
    channel: notification.channel,
    user_id: notification.userId,
    template_code: notification.templateCode,
    template_version: notification.templateVersion ?? 0,
    status: notification.status,
    status_detail: notification.statusDetail ?? '',
    attempts: notification.attempts,
    priority: notification.priority,
    locale: notification.locale ?? '',
    category: notification.category ?? '',
    created_at: notification.createdAt.toISOString(),
    updated_at: notification.updatedAt.toISOString(),
  };
}
