import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { ForbiddenError, NotFoundError, UnprocessableError } from '@herald/errors';
import {
  isAdmin,
  parseInput,
  requireIdentity,
  requireScope,
  scalarResolvers,
  SCOPES,
  type Identity,
  type SubgraphContext,
} from '@herald/subgraph';
import { z } from 'zod';
import type { Notification } from '../domain/notification';
import type { CancelNotification } from '../use-cases/cancel-notification.use-case';
import type { GetNotification } from '../use-cases/get-notification.use-case';
import type { ListNotificationEvents } from '../use-cases/list-notification-events.use-case';
import { listNotificationsInput, type ListNotifications } from '../use-cases/list-notifications.use-case';
import { REPORTABLE_STATUSES } from '../domain/status-report';
import type { ReportStatus } from '../use-cases/report-status.use-case';
import type { RetryNotification } from '../use-cases/retry-notification.use-case';
import { sendNotificationInput, type SendNotification } from '../use-cases/send-notification.use-case';
import { MAX_BULK_ITEMS, type SendNotifications } from '../use-cases/send-notifications.use-case';

export interface NotificationResolverDeps {
  readonly sendNotification: SendNotification;
  readonly sendNotifications: SendNotifications;
  readonly cancelNotification: CancelNotification;
  readonly retryNotification: RetryNotification;
  readonly getNotification: GetNotification;
  readonly listNotifications: ListNotifications;
  readonly listNotificationEvents: ListNotificationEvents;
  readonly reportStatus: ReportStatus;
}

const idArgument = z.object({ id: z.uuid() });
/** A status callback from an external sender: the same rules as the workers' gRPC ReportStatus. */
const statusReportArguments = z.object({
  input: z.object({
    notificationId: z.uuid(),
    channel: z.enum(['EMAIL', 'PUSH']),
    status: z.enum(REPORTABLE_STATUSES),
    detail: z.string().max(2000).nullish(),
    at: z.date().nullish(),
  }),
});
const bulkArguments = z.object({ inputs: z.array(z.unknown()).min(1).max(MAX_BULK_ITEMS) });

/** A signed-in user (not an admin) reads only their own notifications, whatever their scopes. */
function ownerOnly(identity: Identity): string | undefined {
  return identity.kind === 'user' && !isAdmin(identity) ? identity.id : undefined;
}

/** Who may read: a user for their own notifications, else notifications:read or admin. */
function readerOf(context: SubgraphContext): { owner: string | undefined } {
  const owner = ownerOnly(requireIdentity(context));
  if (!owner) requireScope(context, SCOPES.notificationsRead);
  return { owner };
}

/** Resolvers for schema.graphql: authorize, parse, call the use case; errors are mapped by the subgraph server. */
export function createNotificationResolvers(
  deps: NotificationResolverDeps,
): GraphQLResolverMap<SubgraphContext> {
  /** Another user's notification reads as absent, so its existence is not revealed. */
  const readable = async (id: string, context: SubgraphContext) => {
    const { owner } = readerOf(context);
    const notification = await deps.getNotification(id);
    if (!notification || (owner && notification.userId !== owner)) return null;
    return notification;
  };

  return {
    ...scalarResolvers,
    Query: {
      notification: (_: unknown, args: { id: string }, context: SubgraphContext) =>
        readable(args.id, context),
      notifications: (_: unknown, args: unknown, context: SubgraphContext) => {
        const { owner } = readerOf(context);
        const input = parseInput(listNotificationsInput, args);
        if (owner && input.filter?.userId && input.filter.userId !== owner) {
          throw new ForbiddenError('a user can list only their own notifications');
        }
        return deps.listNotifications(
          owner ? { ...input, filter: { ...input.filter, userId: owner } } : input,
        );
      },
    },
    Mutation: {
      sendNotification: (_: unknown, args: { input: unknown }, context: SubgraphContext) => {
        const identity = requireScope(context, SCOPES.notificationsSend);
        return deps.sendNotification({
          input: parseInput(sendNotificationInput, args.input),
          sender: identity.id,
          correlationId: context.correlationId,
        });
      },
      sendNotifications: (_: unknown, args: unknown, context: SubgraphContext) => {
        const identity = requireScope(context, SCOPES.notificationsSend);
        return deps.sendNotifications({
          inputs: parseInput(bulkArguments, args).inputs,
          sender: identity.id,
          correlationId: context.correlationId,
        });
      },
      cancelNotification: (_: unknown, args: unknown, context: SubgraphContext) => {
        requireScope(context, SCOPES.notificationsSend);
        return deps.cancelNotification(parseInput(idArgument, args).id);
      },
      reportNotificationStatus: async (_: unknown, args: unknown, context: SubgraphContext) => {
        requireScope(context, SCOPES.notificationsStatus);
        const { input } = parseInput(statusReportArguments, args);
        const notification = await deps.getNotification(input.notificationId);
        if (!notification) {
          throw new NotFoundError(`notification ${input.notificationId} not found`, {
            notificationId: input.notificationId,
          });
        }
        if (notification.channel !== input.channel) {
          throw new UnprocessableError(
            `notification ${input.notificationId} is not a ${input.channel} notification`,
            {
              channel: notification.channel,
            },
          );
        }
        return deps.reportStatus({
          notificationId: input.notificationId,
          status: input.status,
          detail: input.detail ?? null,
          at: input.at ?? undefined,
          attempt: 0,
          // A provider's callback holds no queue message.
          deliveryId: null,
        });
      },
      retryNotification: (_: unknown, args: unknown, context: SubgraphContext) => {
        if (!isAdmin(requireIdentity(context)))
          throw new ForbiddenError('retrying a notification needs an admin');
        return deps.retryNotification({
          id: parseInput(idArgument, args).id,
          correlationId: context.correlationId,
        });
      },
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
