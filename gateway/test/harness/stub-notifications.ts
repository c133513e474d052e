import { z } from 'zod';
import { ConflictError, NotFoundError, UnprocessableError } from '@herald/errors';
import { pageMeta } from '@herald/paging';
import { parseInput } from '@herald/subgraph';
import {
  SCOPES,
  notificationReaderOf,
  requireIdentity,
  requireScope,
  requireSelfOrScope,
  type Caller,
} from '@herald/identity';
import type { StubState, StoredNotification } from './stub-subgraphs';

/** A notification id whose lookup fails with an unexpected (internal) error. */
export const BOOM_ID = '00000000-0000-4000-8000-00000000b000';

const sendInput = z.object({
  channel: z.enum(['EMAIL', 'PUSH']),
  userId: z.uuid(),
  templateCode: z.string().min(1),
  variables: z.record(z.string(), z.unknown()).nullish(),
  requestId: z.string().min(1),
  priority: z.number().int().min(0).max(10),
  metadata: z.record(z.string(), z.unknown()).nullish(),
});

export interface ListArguments {
  readonly filter?: { userId?: string | null; status?: string | null; channel?: string | null } | null;
  readonly page: number;
  readonly limit: number;
}

export interface StatusCallbackArguments {
  readonly notificationId: string;
  readonly channel: string;
  readonly status: string;
}

/**
 * The stub notifications service's rules over in-memory state, with the real @herald/identity
 * authorization helpers; its GraphQL resolvers and its gRPC NotificationService both apply them,
 * as the real service's entry points share its use cases.
 */
export function stubNotificationRules(state: StubState) {
  return {
    get(caller: Caller, id: string): StoredNotification {
      if (id === 'boom' || id === BOOM_ID) throw new Error('connection to 10.0.0.9 refused');
      const notification = state.notifications.get(id);
      if (!notification) throw new NotFoundError(`notification ${id} not found`);
      requireSelfOrScope(caller, notification.userId, SCOPES.notificationsRead);
      return notification;
    },

    list(caller: Caller, args: ListArguments) {
      const identity = requireIdentity(caller);
      const own = notificationReaderOf(identity)?.owner;
      const userId = args.filter?.userId ?? own;
      if (userId) requireSelfOrScope(caller, userId, SCOPES.notificationsRead);
      else requireScope(caller, SCOPES.notificationsRead);
      const matching = [...state.notifications.values()]
        .filter((n) => !userId || n.userId === userId)
        .filter((n) => !args.filter?.status || n.status === args.filter.status)
        .filter((n) => !args.filter?.channel || n.channel === args.filter.channel)
        .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
      return {
        items: matching.slice((args.page - 1) * args.limit, args.page * args.limit),
        meta: pageMeta(matching.length, args),
      };
    },

    send(caller: Caller, input: unknown): { notification: StoredNotification; duplicate: boolean } {
      const valid = parseInput(sendInput, input);
      requireSelfOrScope(caller, valid.userId, SCOPES.notificationsSend);
      const existing = [...state.notifications.values()].find((n) => n.requestId === valid.requestId);
      if (existing) {
        if (existing.userId !== valid.userId || existing.templateCode !== valid.templateCode) {
          throw new ConflictError(`request ${valid.requestId} was already used with a different body`);
        }
        return { notification: existing, duplicate: true };
      }
      if (state.templates.get(valid.templateCode) !== valid.channel) {
        throw new UnprocessableError(`no ${valid.channel} template ${valid.templateCode}`);
      }
      const notification = state.addNotification({
        userId: valid.userId,
        requestId: valid.requestId,
        channel: valid.channel,
        templateCode: valid.templateCode,
        variables: valid.variables ?? {},
        priority: valid.priority,
      });
      return { notification, duplicate: false };
    },

    reportStatus(caller: Caller, input: StatusCallbackArguments) {
      requireScope(caller, SCOPES.notificationsStatus);
      const notification = state.notifications.get(input.notificationId);
      if (!notification) throw new NotFoundError(`notification ${input.notificationId} not found`);
      if (notification.channel !== input.channel) {
        throw new UnprocessableError(
          `notification ${notification.id} is not a ${input.channel} notification`,
        );
      }
      notification.status = input.status;
      notification.updatedAt = new Date();
      return { notificationId: notification.id, applied: true, status: notification.status };
    },
  };
}
