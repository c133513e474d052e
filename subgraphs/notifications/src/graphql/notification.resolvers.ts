import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { parseInput, scalarResolvers, type SubgraphContext } from '@herald/subgraph';
import { requireScope, SCOPES } from '@herald/identity';
import { z } from 'zod';
import type { Notification } from '../domain/notification';
import type { CancelNotification } from '../use-cases/cancel-notification.use-case';
import type { GetNotification } from '../use-cases/get-notification.use-case';
import type { GetSystemStatus } from '../use-cases/get-system-status.use-case';
import type { ListNotificationEvents } from '../use-cases/list-notification-events.use-case';
import type { ListNotifications } from '../use-cases/list-notifications.use-case';
import type { ReplayFailed } from '../use-cases/replay-failed.use-case';
import type { ReportStatusCallback } from '../use-cases/report-status-callback.use-case';
import type { RetryNotification } from '../use-cases/retry-notification.use-case';
import type { SendNotification } from '../use-cases/send-notification.use-case';
import type { SendNotifications } from '../use-cases/send-notifications.use-case';

export interface NotificationResolverDeps {
  readonly sendNotification: SendNotification;
  readonly sendNotifications: SendNotifications;
  readonly cancelNotification: CancelNotification;
  readonly retryNotification: RetryNotification;
  readonly replayFailed: ReplayFailed;
  readonly getNotification: GetNotification;
  readonly listNotifications: ListNotifications;
  readonly listNotificationEvents: ListNotificationEvents;
  readonly reportStatusCallback: ReportStatusCallback;
  readonly getSystemStatus: GetSystemStatus;
}

const idArgument = z.object({ id: z.uuid() });

/**
 * Resolvers for schema.graphql: call the use case, which validates and authorizes (the gRPC
 * NotificationService calls the same ones); errors are mapped by the subgraph server.
 */
export function createNotificationResolvers(
  deps: NotificationResolverDeps,
): GraphQLResolverMap<SubgraphContext> {
  const readable = async (id: string, context: SubgraphContext) =>
    (await deps.getNotification(id, context)) ?? null;

  return {
    ...scalarResolvers,
    Query: {
      notification: (_: unknown, args: { id: string }, context: SubgraphContext) =>
        readable(args.id, context),
      notifications: (_: unknown, args: unknown, context: SubgraphContext) =>
        deps.listNotifications({ input: args, caller: context }),
      systemStatus: (_: unknown, _args: unknown, context: SubgraphContext) => deps.getSystemStatus(context),
    },
    Mutation: {
      sendNotification: (_: unknown, args: { input: unknown }, context: SubgraphContext) =>
        deps.sendNotification({ input: args.input, caller: context, correlationId: context.correlationId }),
      sendNotifications: (_: unknown, args: { inputs: unknown }, context: SubgraphContext) =>
        deps.sendNotifications({
          inputs: args.inputs,
          caller: context,
          correlationId: context.correlationId,
        }),
      cancelNotification: (_: unknown, args: unknown, context: SubgraphContext) => {
        requireScope(context, SCOPES.notificationsSend);
        return deps.cancelNotification(parseInput(idArgument, args).id);
      },
      reportNotificationStatus: (_: unknown, args: { input: unknown }, context: SubgraphContext) =>
        deps.reportStatusCallback({ input: args.input, caller: context }),
      retryNotification: (_: unknown, args: unknown, context: SubgraphContext) =>
        deps.retryNotification({
          id: parseInput(idArgument, args).id,
          caller: context,
          correlationId: context.correlationId,
        }),
      replayFailedNotifications: (_: unknown, args: unknown, context: SubgraphContext) =>
        deps.replayFailed({ input: args, caller: context, correlationId: context.correlationId }),
    },
    Notification: {
      __resolveReference: (reference: { id: string }, context: SubgraphContext) =>
        readable(reference.id, context),
      user: (notification: Notification) => ({ __typename: 'User', id: notification.userId }),
      template: (notification: Notification) => ({ __typename: 'Template', code: notification.templateCode }),
      scheduledFor: (notification: Notification) => notification.dueAt,
      events: (notification: Notification) => deps.listNotificationEvents(notification.id),
    },
  };
}
