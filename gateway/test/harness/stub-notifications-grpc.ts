import type { Logger } from '@herald/logging';
import {
  createGrpcServer,
  loadHeraldProto,
  type CallContext,
  type GrpcSendRequest,
  type NotificationServiceDefinition,
  type UnaryImplementation,
} from '@herald/proto';
import { IDENTITY_HEADER, decodeIdentity, type Caller } from '@herald/identity';
import { stubNotificationRules } from './stub-notifications';
import type { StoredNotification, StubState } from './stub-subgraphs';

/**
 * The stub notifications service's NotificationService (the REST shim's notification routes),
 * over the same state and rules as its GraphQL resolvers. `withoutStatusReport` leaves
 * ReportStatus out, as a notifications service older than the gateway would.
 */
export async function startStubNotificationsGrpc(
  state: StubState,
  internalToken: string,
  log: Logger,
  options: { withoutStatusReport?: boolean } = {},
): Promise<{ address: string; close(): Promise<void> }> {
  const rules = stubNotificationRules(state);
  const callerOf = (operation: string, context: CallContext): Caller => {
    const identity = decodeIdentity(context.metadataValue(IDENTITY_HEADER));
    state.seen.push({
      operation,
      identity,
      correlationId: context.correlationId,
      traceparent: context.metadataValue('traceparent'),
    });
    return { identity };
  };
  const service: UnaryImplementation<NotificationServiceDefinition> = {
    Send: async (request, context) => {
      const result = rules.send(callerOf('sendNotification', context), sendInputOf(request));
      return { notification: grpcNotification(result.notification), duplicate: result.duplicate };
    },
    SendBatch: async () => {
      throw new Error('not used by the REST shim');
    },
    Get: async ({ id }, context) => grpcNotification(rules.get(callerOf('notification', context), id)),
    List: async ({ filter, page, limit }, context) => {
      const { items, meta } = rules.list(callerOf('notifications', context), {
        filter: {
          userId: filter?.user_id || null,
          status: filter?.status || null,
          channel: filter?.channel || null,
        },
        page,
        limit,
      });
      return {
        items: items.map(grpcNotification),
        meta: {
          total: meta.total,
          limit: meta.limit,
          page: meta.page,
          total_pages: meta.totalPages,
          has_next: meta.hasNext,
          has_previous: meta.hasPrevious,
        },
      };
    },
    ReportStatus: async (request, context) => {
      const report = rules.reportStatus(callerOf('reportNotificationStatus', context), {
        notificationId: request.notification_id,
        channel: request.channel,
        status: request.status,
      });
      return { notification_id: report.notificationId, applied: report.applied, status: report.status };
    },
    // The stub holds no failed notifications; the replay itself is tested on the real service.
    ReplayFailed: async (_request, context) => {
      callerOf('replayFailedNotifications', context);
      return { replayed: 0, notification_ids: [] };
    },
  };
  if (options.withoutStatusReport) {
    // grpc-js answers a method without a handler UNIMPLEMENTED.
    delete (service as Partial<typeof service>).ReportStatus;
  }
  const server = createGrpcServer({ internalToken, log });
  server.addService(loadHeraldProto().herald.v1.NotificationService.service, service);
  const port = await server.listen(0, '127.0.0.1');
  return { address: `127.0.0.1:${port}`, close: () => server.close() };
}

function sendInputOf(request: GrpcSendRequest) {
  return {
    channel: request.channel,
    userId: request.user_id,
    templateCode: request.template_code,
    variables: request.variables_json ? (JSON.parse(request.variables_json) as unknown) : null,
    requestId: request.request_id,
    priority: request.priority,
    metadata: request.metadata_json ? (JSON.parse(request.metadata_json) as unknown) : null,
  };
}

function grpcNotification(notification: StoredNotification) {
  return {
    id: notification.id,
    request_id: notification.requestId,
    channel: notification.channel,
    user_id: notification.userId,
    template_code: notification.templateCode,
    status: notification.status,
    attempts: notification.attempts,
    priority: notification.priority,
    created_at: notification.createdAt.toISOString(),
    updated_at: notification.updatedAt.toISOString(),
  };
}
