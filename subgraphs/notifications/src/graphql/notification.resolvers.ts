import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { UnauthenticatedError } from '@herald/errors';
import { parseInput, scalarResolvers, type SubgraphContext } from '@herald/subgraph';
import type { Notification } from '../domain/notification';
import type { GetNotification } from '../use-cases/get-notification.use-case';
import type { ListNotificationEvents } from '../use-cases/list-notification-events.use-case';
import { listNotificationsInput, type ListNotifications } from '../use-cases/list-notifications.use-case';
import { sendNotificationInput, type SendNotification } from '../use-cases/send-notification.use-case';

export interface NotificationResolverDeps {
  readonly sendNotification: SendNotification;
  readonly getNotification: GetNotification;
  readonly listNotifications: ListNotifications;
  readonly listNotificationEvents: ListNotificationEvents;
}

/** Resolvers for schema.graphql: parse, call the use case; errors are mapped by the subgraph server. */
export function createNotificationResolvers(
  deps: NotificationResolverDeps,
): GraphQLResolverMap<SubgraphContext> {
  return {
    ...scalarResolvers,
    Query: {
      notification: async (_: unknown, args: { id: string }) => (await deps.getNotification(args.id)) ?? null,
      notifications: (_: unknown, args: unknown) =>
        deps.listNotifications(parseInput(listNotificationsInput, args)),
    },
    Mutation: {
      sendNotification: (_: unknown, args: { input: unknown }, context: SubgraphContext) => {
        if (!context.identity) throw new UnauthenticatedError('sending a notification needs an identity');
        return deps.sendNotification({
          input: parseInput(sendNotificationInput, args.input),
          sender: context.identity.id,
          correlationId: context.correlationId,
        });
      },
    },
    Notification: {
      __resolveReference: async (reference: { id: string }) =>
        (await deps.getNotification(reference.id)) ?? null,
      user: (notification: Notification) => ({ __typename: 'User', id: notification.userId }),
      template: (notification: Notification) => ({ __typename: 'Template', code: notification.templateCode }),
      events: (notification: Notification) => deps.listNotificationEvents(notification.id),
    },
  };
}
