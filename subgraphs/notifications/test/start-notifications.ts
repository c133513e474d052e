import { randomUUID } from 'node:crypto';
import amqp from 'amqplib';
import { NotFoundError } from '@herald/errors';
import { createLogger } from '@herald/logging';
import type { BoundPorts, ServiceApp } from '@herald/lifecycle';
import {
  createGrpcClient,
  createGrpcServer,
  loadHeraldProto,
  type GrpcServer,
  type GrpcTemplate,
  type GrpcUser,
  type NotificationServiceDefinition,
  type NotificationStatusServiceDefinition,
  type PromiseClient,
} from '@herald/proto';
import type { Identity } from '@herald/identity';
import { createTestEnvironment, postToSubgraph, type TestEnvironment } from '@herald/testkit';
import { createApp, type AppOverrides } from '../src/app';
import { loadNotificationsConfig } from '../src/config';

export const INTERNAL_TOKEN = 'notifications-component-test-token';
export const ADMIN: Identity = { kind: 'admin', id: 'admin', scopes: [] };

const preferences = (
  email: boolean,
  push: boolean,
  quietHours = { start: '', end: '', timezone: '' },
): GrpcUser['preferences'] => ({
  email,
  push,
  opted_out_categories: ['marketing'],
  quiet_hours: quietHours,
});

const device = (valid: boolean): GrpcUser['devices'][number] => ({
  id: valid ? 'device-valid' : 'device-rejected',
  kind: 'FCM',
  token: valid ? 'fcm-token-ok' : 'fcm-token-gone',
  endpoint: '',
  p256dh: '',
  auth: '',
  valid,
});

/** The users the fake UserService knows. */
export const USERS = {
  ada: {
    id: '6f1c1d7e-3b1a-4a51-9a8e-2f0b8b7c5d01',
    email: 'ada@example.test',
    name: 'Ada',
    locale: 'en',
    preferences: preferences(true, true),
    devices: [device(true)],
    email_suppressed: false,
  },
  grace: {
    id: '6f1c1d7e-3b1a-4a51-9a8e-2f0b8b7c5d02',
    email: 'grace@example.test',
    name: 'Grace',
    locale: 'fr',
    preferences: preferences(false, true),
    devices: [device(true)],
    email_suppressed: false,
  },
  /** Push on, but the provider rejected the only device. */
  lin: {
    id: '6f1c1d7e-3b1a-4a51-9a8e-2f0b8b7c5d03',
    email: 'lin@example.test',
    name: 'Lin',
    locale: 'en',
    preferences: preferences(true, true),
    devices: [device(false)],
    email_suppressed: false,
  },
  /** Quiet from 22:00 to 07:00 in Berlin. */
  night: {
    id: '6f1c1d7e-3b1a-4a51-9a8e-2f0b8b7c5d04',
    email: 'night@example.test',
    name: 'Night',
    locale: 'en',
    preferences: preferences(true, true, { start: '22:00', end: '07:00', timezone: 'Europe/Berlin' }),
    devices: [device(true)],
    email_suppressed: false,
  },
} satisfies Record<string, GrpcUser>;

/** The templates the fake TemplateService knows. */
export const TEMPLATES = {
  welcome: { code: 'welcome', channel: 'EMAIL', version: 3, locale: 'en', variables: ['name', 'link'] },
  promo: { code: 'promo', channel: 'PUSH', version: 1, locale: 'en', variables: [] },
} satisfies Record<string, GrpcTemplate>;

export interface GraphqlResult<T = Record<string, unknown>> {
  readonly data?: T | null;
  readonly errors?: readonly { message: string; extensions?: Record<string, unknown> }[];
}

export interface CallOptions {
  /** Null sends no identity header. */
  readonly identity?: Identity | null;
  readonly correlationId?: string;
}

export interface RunningNotifications {
  readonly env: TestEnvironment;
  readonly ports: BoundPorts;
  /** The prefixed queue names of this run. */
  readonly queues: { readonly email: string; readonly push: string };
  graphql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    options?: CallOptions,
  ): Promise<GraphqlResult<T>>;
  /** Sends Ada the welcome email; a fresh request id unless given. Resolves with the notification's id. */
  sendWelcome(options?: { readonly requestId?: string; readonly category?: string }): Promise<string>;
  readonly statusClient: PromiseClient<NotificationStatusServiceDefinition>;
  /** The REST shim's service; calls carry the identity in their metadata. */
  readonly notificationClient: PromiseClient<NotificationServiceDefinition>;
  /** How often the fake UserService was asked, by method. */
  readonly userCalls: { GetUser: number; GetUsers: number };
  /** Takes every message now in the queue. */
  drainQueue(queue: string): Promise<amqp.GetMessage[]>;
  stop(): Promise<void>;
}

/**
 * Boots the notifications subgraph on free ports, with its own database and AMQP prefix, and
 * real gRPC peers standing in for the users and templates services.
 */
export async function startNotifications(
  options: {
    /** Extra or replaced environment variables (AMQP_URL through a proxy, poll intervals). */
    readonly env?: Record<string, string>;
    readonly overrides?: AppOverrides;
    /** A database, AMQP prefix and Redis prefix to share (a restart); its owner cleans it up. */
    readonly environment?: TestEnvironment;
  } = {},
): Promise<RunningNotifications> {
  const env = options.environment ?? createTestEnvironment();
  const cleanupEnv = options.environment ? async () => undefined : () => env.cleanup();
  const log = createLogger({ service: 'notifications', level: 'silent' });
  const stops: (() => Promise<void> | void)[] = [];
  const stopAll = async () => {
    for (const stop of stops.splice(0).reverse()) await stop();
  };
  try {
    const userCalls = { GetUser: 0, GetUsers: 0 };
    const peers = await startPeers(log, userCalls);
    stops.push(() => peers.close());
    const peerAddress = `127.0.0.1:${await peers.listen(0, '127.0.0.1')}`;

    const app: ServiceApp = await createApp(
      loadNotificationsConfig({
        NODE_ENV: 'test',
        PORT: '0',
        GRPC_PORT: '0',
        DATABASE_URL: env.databaseUrl('notifications'),
        AMQP_URL: env.amqpUrl,
        AMQP_PREFIX: env.amqpPrefix,
        USERS_GRPC: peerAddress,
        TEMPLATES_GRPC: peerAddress,
        INTERNAL_TOKEN,
        REDIS_URL: env.redisUrl,
        REDIS_PREFIX: env.redisPrefix,
        // Long enough that only the in-process kick can queue a notification within a test.
        OUTBOX_POLL_MS: '60000',
        SCHEDULER_POLL_MS: '60000',
        ...options.env,
      }),
      log,
      options.overrides,
    );
    stops.push(() => app.stop());
    const ports = await app.start();

    const grpcAddress = `127.0.0.1:${ports.grpc ?? 0}`;
    const grpcOptions = { internalToken: INTERNAL_TOKEN, deadlineMs: 5000 };
    const { NotificationStatusService, NotificationService } = loadHeraldProto().herald.v1;
    const statusClient = createGrpcClient(NotificationStatusService, grpcAddress, grpcOptions);
    stops.push(() => statusClient.close());
    const notificationClient = createGrpcClient(NotificationService, grpcAddress, grpcOptions);
    stops.push(() => notificationClient.close());
    const connection = await amqp.connect(env.amqpUrl);
    stops.push(() => connection.close());
    const channel = await connection.createChannel();

    return {
      env,
      ports,
      queues: { email: `${env.amqpPrefix}email.queue`, push: `${env.amqpPrefix}push.queue` },
      graphql: (query, variables, options) => postGraphql(ports.http, query, variables, options),
      async sendWelcome({ requestId = `req-${randomUUID()}`, category } = {}) {
        const result = await postGraphql<{ sendNotification: { notification: { id: string } } }>(
          ports.http,
          `mutation Send($input: SendNotificationInput!) { sendNotification(input: $input) { notification { id } } }`,
          {
            input: {
              channel: 'EMAIL',
              userId: USERS.ada.id,
              templateCode: 'welcome',
              variables: { name: 'Ada', link: 'https://example.test' },
              requestId,
              category,
            },
          },
        );
        return result.data!.sendNotification.notification.id;
      },
      statusClient,
      notificationClient,
      userCalls,
      async drainQueue(queue) {
        const messages: amqp.GetMessage[] = [];
        for (
          let message = await channel.get(queue, { noAck: true });
          message;
          message = await channel.get(queue, { noAck: true })
        ) {
          messages.push(message);
        }
        return messages;
      },
      async stop() {
        await stopAll();
        await cleanupEnv();
      },
    };
  } catch (error) {
    await stopAll();
    await cleanupEnv();
    throw error;
  }
}

async function startPeers(
  log: ReturnType<typeof createLogger>,
  calls: { GetUser: number; GetUsers: number },
): Promise<GrpcServer> {
  const { UserService, TemplateService } = loadHeraldProto().herald.v1;
  const server = createGrpcServer({ internalToken: INTERNAL_TOKEN, log });
  const users: readonly GrpcUser[] = Object.values(USERS);
  const templates: readonly GrpcTemplate[] = Object.values(TEMPLATES);
  const unused = async (): Promise<never> => {
    throw new Error('not used by the notifications service');
  };
  server.addService(UserService.service, {
    GetUser: async ({ id }) => {
      calls.GetUser += 1;
      const user = users.find((candidate) => candidate.id === id);
      if (!user) throw new NotFoundError(`user ${id} not found`, { id });
      return user;
    },
    GetUsers: async ({ ids }) => {
      calls.GetUsers += 1;
      return { users: users.filter((user) => ids.includes(user.id)) };
    },
    InvalidatePushToken: unused,
    VerifyCredential: unused,
    RecordEmailFeedback: unused,
    UnsubscribeEmail: unused,
  });
  server.addService(TemplateService.service, {
    GetTemplate: async ({ code }) => {
      const template = templates.find((candidate) => candidate.code === code);
      if (!template) throw new NotFoundError(`template ${code} not found`, { code });
      return template;
    },
    GetTemplateVersion: unused,
    RenderTemplate: unused,
  });
  return server;
}

async function postGraphql<T>(
  port: number,
  query: string,
  variables: Record<string, unknown> = {},
  options: CallOptions = {},
): Promise<GraphqlResult<T>> {
  const identity = options.identity === undefined ? ADMIN : options.identity;
  // Tests here compare whole GraphQL bodies; the HTTP status is not part of them.
  const { status: _status, ...body } = await postToSubgraph<T>(
    { port, internalToken: INTERNAL_TOKEN, identity, correlationId: options.correlationId },
    query,
    variables,
  );
  return body;
}

/** A valid send input for the "welcome" email template, to override field by field. */
export function welcome(overrides: Record<string, unknown> = {}) {
  return {
    channel: 'EMAIL',
    userId: USERS.ada.id,
    templateCode: 'welcome',
    variables: { name: 'Ada', link: 'https://example.test/start' },
    requestId: `req-${randomUUID()}`,
    ...overrides,
  };
}

/** A valid send input for the "promo" push template, to ada unless overridden, field by field. */
export function promo(overrides: Record<string, unknown> = {}) {
  return {
    channel: 'PUSH',
    userId: USERS.ada.id,
    templateCode: 'promo',
    requestId: `req-${randomUUID()}`,
    ...overrides,
  };
}
