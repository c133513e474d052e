import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import { ConflictError, UnauthenticatedError } from '@herald/errors';
import type { Logger } from '@herald/logging';
import { createMetricsRegistry } from '@herald/observability';
import { createHealthHandler } from '@herald/lifecycle';
import { pageMeta } from '@herald/paging';
import {
  createSubgraphServer,
  loadSchemaFile,
  parseInput,
  scalarResolvers,
  type SubgraphContext,
  type SubgraphResolvers,
  type SubgraphServer,
} from '@herald/subgraph';
import { SCOPES, requireIdentity, requireScope, requireSelfOrScope, type Identity } from '@herald/identity';
import {
  stubNotificationRules,
  type ListArguments,
  type StatusCallbackArguments,
} from './stub-notifications';

export { BOOM_ID } from './stub-notifications';

export const FIXTURES = join(__dirname, '..', 'fixtures');

interface StoredUser {
  id: string;
  email: string;
  name: string;
  password: string;
  locale: string;
  preferences: { email: boolean; push: boolean };
  createdAt: Date;
}

export interface StoredSuppression {
  id: string;
  userId: string;
  address: string;
  reason: 'HARD_BOUNCE' | 'COMPLAINT' | 'SOFT_BOUNCES';
  statusCode: string | null;
  diagnostic: string | null;
  notificationId: string | null;
  category: string | null;
  createdAt: Date;
}

export interface StoredNotification {
  id: string;
  requestId: string;
  channel: 'EMAIL' | 'PUSH';
  userId: string;
  templateCode: string;
  variables: Record<string, unknown>;
  priority: number;
  status: string;
  attempts: number;
  createdAt: Date;
  updatedAt: Date;
}

/** What the stub subgraphs hold, and what they saw; tests read and seed it directly. */
export class StubState {
  readonly users = new Map<string, StoredUser>();
  readonly templates = new Map<string, 'EMAIL' | 'PUSH'>([
    ['welcome', 'EMAIL'],
    ['alert', 'PUSH'],
  ]);
  readonly notifications = new Map<string, StoredNotification>();
  /** The active suppressions, oldest first. */
  readonly suppressions: StoredSuppression[] = [];
  readonly seen: {
    operation: string;
    identity: Identity | undefined;
    correlationId: string;
    traceparent: string | undefined;
  }[] = [];

  addUser(fields: { id?: string; email: string; name: string; password: string }): StoredUser {
    const user = {
      id: fields.id ?? randomUUID(),
      email: fields.email,
      name: fields.name,
      password: fields.password,
      locale: 'en',
      preferences: { email: true, push: true },
      createdAt: new Date(),
    };
    this.users.set(user.id, user);
    return user;
  }

  addNotification(fields: Partial<StoredNotification> & { userId: string }): StoredNotification {
    const now = new Date();
    const notification: StoredNotification = {
      id: randomUUID(),
      requestId: randomUUID(),
      channel: 'EMAIL',
      templateCode: 'welcome',
      variables: {},
      priority: 5,
      status: 'QUEUED',
      attempts: 0,
      createdAt: now,
      updatedAt: now,
      ...fields,
    };
    this.notifications.set(notification.id, notification);
    return notification;
  }
}

/** The token users' stub issues at login, and that the stub VerifyCredential accepts. */
export const tokenFor = (userId: string) => `jwt-${userId}`;

const createUserInput = z.object({
  name: z.string().min(1),
  email: z.email(),
  password: z.string().min(8, 'must be at least 8 characters'),
  pushToken: z.string().nullish(),
  preferences: z.object({ email: z.boolean().nullish(), push: z.boolean().nullish() }).nullish(),
});

/**
 * Resolvers that apply the real @herald/identity authorization helpers the real subgraphs use,
 * over in-memory state, so the gateway's identity forwarding is tested against the real rules.
 */
function resolversFor(state: StubState): Record<'users' | 'templates' | 'notifications', SubgraphResolvers> {
  const record = (operation: string, context: SubgraphContext) =>
    state.seen.push({
      operation,
      identity: context.identity,
      correlationId: context.correlationId,
      traceparent: context.traceparent,
    });
  const userById = (id: string) => state.users.get(id) ?? null;
  const notifications = stubNotificationRules(state);
  return {
    users: {
      ...scalarResolvers,
      Query: {
        me: (_: unknown, __: unknown, context: SubgraphContext) => {
          record('me', context);
          const identity = requireIdentity(context);
          return identity.kind === 'user' ? userById(identity.id) : null;
        },
        user: (_: unknown, { id }: { id: string }, context: SubgraphContext) => {
          record('user', context);
          requireSelfOrScope(context, id, SCOPES.usersAdmin);
          return userById(id);
        },
        emailSuppressions: (_: unknown, args: { page: number; limit: number }, context: SubgraphContext) => {
          record('emailSuppressions', context);
          requireScope(context, SCOPES.usersAdmin);
          const newestFirst = [...state.suppressions].reverse();
          return {
            items: newestFirst.slice((args.page - 1) * args.limit, args.page * args.limit),
            meta: pageMeta(newestFirst.length, args),
          };
        },
        users: (_: unknown, args: { page: number; limit: number }, context: SubgraphContext) => {
          record('users', context);
          requireScope(context, SCOPES.usersAdmin);
          const all = [...state.users.values()];
          return {
            items: all.slice((args.page - 1) * args.limit, args.page * args.limit),
            meta: pageMeta(all.length, args),
          };
        },
      },
      Mutation: {
        createUser: (_: unknown, { input }: { input: unknown }, context: SubgraphContext) => {
          record('createUser', context);
          const valid = parseInput(createUserInput, input);
          if ([...state.users.values()].some((user) => user.email === valid.email)) {
            throw new ConflictError(`a user with email ${valid.email} already exists`);
          }
          const user = state.addUser(valid);
          user.preferences = {
            email: valid.preferences?.email ?? true,
            push: valid.preferences?.push ?? true,
          };
          return user;
        },
        liftEmailSuppression: (_: unknown, { userId }: { userId: string }, context: SubgraphContext) => {
          record('liftEmailSuppression', context);
          requireScope(context, SCOPES.usersAdmin);
          const before = state.suppressions.length;
          state.suppressions.splice(
            0,
            before,
            ...state.suppressions.filter((suppression) => suppression.userId !== userId),
          );
          return state.suppressions.length < before;
        },
        login: (_: unknown, args: { email: string; password: string }, context: SubgraphContext) => {
          record('login', context);
          const user = [...state.users.values()].find((candidate) => candidate.email === args.email);
          if (!user || user.password !== args.password)
            throw new UnauthenticatedError('wrong email or password');
          return { token: tokenFor(user.id), expiresAt: new Date(Date.now() + 3_600_000), user };
        },
      },
      User: { __resolveReference: ({ id }: { id: string }) => userById(id) },
    },
    templates: {
      ...scalarResolvers,
      Query: {
        template: (_: unknown, { code }: { code: string }) => {
          const channel = state.templates.get(code);
          return channel ? { code, channel } : null;
        },
      },
      Mutation: {
        createTemplate: (
          _: unknown,
          { input }: { input: { code: string; channel: 'EMAIL' | 'PUSH' } },
          context: SubgraphContext,
        ) => {
          record('createTemplate', context);
          requireScope(context, SCOPES.templatesWrite);
          state.templates.set(input.code, input.channel);
          return { code: input.code, channel: input.channel };
        },
      },
      Template: {
        __resolveReference: ({ code }: { code: string }) => {
          const channel = state.templates.get(code);
          return channel ? { code, channel } : null;
        },
      },
    },
    notifications: {
      ...scalarResolvers,
      Query: {
        notification: (_: unknown, { id }: { id: string }, context: SubgraphContext) => {
          record('notification', context);
          return notifications.get(context, id);
        },
        notifications: (_: unknown, args: ListArguments, context: SubgraphContext) => {
          record('notifications', context);
          return notifications.list(context, args);
        },
      },
      Mutation: {
        sendNotification: (_: unknown, { input }: { input: unknown }, context: SubgraphContext) => {
          record('sendNotification', context);
          return notifications.send(context, input);
        },
        reportNotificationStatus: (
          _: unknown,
          { input }: { input: StatusCallbackArguments },
          context: SubgraphContext,
        ) => {
          record('reportNotificationStatus', context);
          return notifications.reportStatus(context, input);
        },
      },
      Notification: {
        user: ({ userId }: StoredNotification) => ({ __typename: 'User', id: userId }),
        template: ({ templateCode }: StoredNotification) => ({ __typename: 'Template', code: templateCode }),
      },
    },
  };
}

export type StubName = 'users' | 'templates' | 'notifications';

export async function startStubSubgraphs(
  state: StubState,
  internalToken: string,
  log: Logger,
): Promise<{ urls: Record<StubName, string>; close(): Promise<void> }> {
  const resolvers = resolversFor(state);
  const servers: SubgraphServer[] = [];
  const urls = {} as Record<StubName, string>;
  try {
    for (const name of ['users', 'templates', 'notifications'] as const) {
      const metrics = createMetricsRegistry(name);
      const server = createSubgraphServer({
        typeDefs: loadSchemaFile(join(FIXTURES, `${name}.graphql`)),
        resolvers: resolvers[name],
        internalToken,
        health: createHealthHandler(name, [], metrics),
        metrics,
        log,
      });
      servers.push(server);
      urls[name] = `http://127.0.0.1:${await server.listen(0, '127.0.0.1')}/graphql`;
    }
  } catch (error) {
    await Promise.all(servers.map((server) => server.close()));
    throw error;
  }
  return { urls, close: async () => void (await Promise.all(servers.map((server) => server.close()))) };
}
