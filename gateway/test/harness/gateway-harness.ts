import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { Kind, parse, type DefinitionNode } from 'graphql';
import { createLogger } from '@herald/logging';
import type { ServiceApp } from '@herald/lifecycle';
import { createTestEnvironment, type TestEnvironment } from '@herald/testkit';
import { createApp } from '../../src/app';
import { loadGatewayConfig } from '../../src/config';
import { FIXTURES, StubState, startStubSubgraphs, tokenFor, type StubName } from './stub-subgraphs';
import { startStubNotificationsGrpc } from './stub-notifications-grpc';
import { startStubUsersGrpc, type StubCredential } from './stub-users-grpc';

export const ADMIN_KEY = 'component-test-admin-key';
export const INTERNAL_TOKEN = 'component-test-internal-token';
export const UNSUBSCRIBE_SECRET = 'component-test-unsubscribe-secret-0123456789';
export const log = createLogger({ service: 'gateway-test', level: 'silent' });

/** API keys the stub users service knows, by name. */
export const API_KEYS = {
  noScope: 'key-without-scopes',
  sender: 'key-sender',
  status: 'key-status-reporter',
} as const;

const KEY_IDENTITIES: Record<string, StubCredential> = {
  [API_KEYS.noScope]: { kind: 'service', id: 'k-none', scopes: [] },
  [API_KEYS.sender]: {
    kind: 'service',
    id: 'k-sender',
    scopes: ['notifications:send', 'notifications:read'],
  },
  [API_KEYS.status]: { kind: 'service', id: 'k-status', scopes: ['notifications:status'] },
};

/** The subscription's types as the notifications subgraph declares them: their one source. */
const SUBSCRIPTION_TYPES = new Set(['NotificationStatusEvent', 'Subscription']);

function notificationsSubscription(): DefinitionNode[] {
  const sdl = readFileSync(
    join(__dirname, '..', '..', '..', 'subgraphs', 'notifications', 'schema.graphql'),
    'utf8',
  );
  return parse(sdl).definitions.filter(
    (definition) =>
      definition.kind === Kind.OBJECT_TYPE_DEFINITION && SUBSCRIPTION_TYPES.has(definition.name.value),
  );
}

/**
 * The supergraph of the fixture schemas, composed the way `npm run compose` composes the real
 * ones; the notifications fixture declares the real subscription, which the gateway serves.
 */
export function composeFixtureSupergraph(): string {
  const result = composeServices(
    (['users', 'templates', 'notifications'] as const).map((name: StubName) => {
      const fixture = parse(readFileSync(join(FIXTURES, `${name}.graphql`), 'utf8'));
      const definitions =
        name === 'notifications'
          ? [...fixture.definitions, ...notificationsSubscription()]
          : fixture.definitions;
      return { name, url: `http://${name}/graphql`, typeDefs: { ...fixture, definitions } };
    }),
  );
  if (result.errors) throw new Error(result.errors.map((error) => error.message).join('\n'));
  return result.supergraphSdl;
}

export interface Harness {
  readonly url: string;
  readonly state: StubState;
  readonly verifyCalls: string[];
  /** Users opted out through the stub's UnsubscribeEmail: `<user id> <category>` ('' for all email). */
  readonly unsubscribed: ReadonlySet<string>;
  readonly env: TestEnvironment;
  /** A stub NotificationService without ReportStatus (NOTIFICATIONS_GRPC). */
  readonly notificationsGrpcWithoutStatusReport: string;
  /** Another gateway on the same stubs, with extra env (tests of config-dependent behaviour). */
  startGateway(env?: Record<string, string>): Promise<string>;
  /** Like startGateway, with the app's stop() (SIGTERM's path) for the test to call. */
  startGatewayApp(env?: Record<string, string>): Promise<{ url: string; stop(): Promise<void> }>;
  stop(): Promise<void>;
}

/**
 * Stub subgraphs, a stub users gRPC and a stub NotificationService on free ports, and the gateway's own createApp in front
 * of them, on the real Redis (a prefix of this run). Everything started is stopped by stop().
 */
export async function startHarness(gatewayEnv: Record<string, string> = {}): Promise<Harness> {
  const env = createTestEnvironment();
  const state = new StubState();
  const directory = mkdtempSync(join(tmpdir(), 'herald-gateway-'));
  const supergraphPath = join(directory, 'supergraph.graphql');
  writeFileSync(supergraphPath, composeFixtureSupergraph());
  const stops: (() => Promise<void>)[] = [
    async () => rmSync(directory, { recursive: true, force: true }),
    () => env.cleanup(),
  ];
  const stop = async () => {
    for (const step of stops.splice(0).reverse()) await step();
  };
  try {
    const subgraphs = await startStubSubgraphs(state, INTERNAL_TOKEN, log);
    stops.push(() => subgraphs.close());
    const grpc = await startStubUsersGrpc(
      (credential) => {
        const match = /^jwt-(.+)$/.exec(credential);
        if (match?.[1] && state.users.has(match[1])) return { kind: 'user', id: match[1], role: 'user' };
        return KEY_IDENTITIES[credential];
      },
      INTERNAL_TOKEN,
      log,
    );
    stops.push(() => grpc.close());
    const notificationsGrpc = await startStubNotificationsGrpc(state, INTERNAL_TOKEN, log);
    stops.push(() => notificationsGrpc.close());
    const notificationsGrpcWithoutStatusReport = await startStubNotificationsGrpc(
      state,
      INTERNAL_TOKEN,
      log,
      {
        withoutStatusReport: true,
      },
    );
    stops.push(() => notificationsGrpcWithoutStatusReport.close());
    const startGatewayApp = async (extra: Record<string, string> = {}) => {
      const app: ServiceApp = await createApp(
        loadGatewayConfig({
          NODE_ENV: 'test',
          PORT: '0',
          HERALD_ADMIN_API_KEY: ADMIN_KEY,
          INTERNAL_TOKEN,
          UNSUBSCRIBE_SECRET,
          SUPERGRAPH_PATH: supergraphPath,
          USERS_URL: subgraphs.urls.users,
          TEMPLATES_URL: subgraphs.urls.templates,
          NOTIFICATIONS_URL: subgraphs.urls.notifications,
          USERS_GRPC: grpc.address,
          NOTIFICATIONS_GRPC: notificationsGrpc.address,
          REDIS_URL: env.redisUrl,
          REDIS_PREFIX: env.redisPrefix,
          RATE_LIMIT_PER_SECOND: '1000',
          RATE_LIMIT_BURST: '1000',
          ...gatewayEnv,
          ...extra,
        }),
        log,
      );
      stops.push(() => app.stop());
      const { http } = await app.start();
      return { url: `http://127.0.0.1:${http}`, stop: () => app.stop() };
    };
    const startGateway = async (extra: Record<string, string> = {}) => (await startGatewayApp(extra)).url;
    const url = await startGateway();
    return {
      url,
      state,
      verifyCalls: grpc.verifyCalls,
      unsubscribed: grpc.unsubscribed,
      env,
      notificationsGrpcWithoutStatusReport: notificationsGrpcWithoutStatusReport.address,
      startGateway,
      startGatewayApp,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

export { tokenFor };

export interface JsonResponse<T = Record<string, unknown>> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: T;
}

export async function request<T = Record<string, unknown>>(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: unknown } = {},
): Promise<JsonResponse<T>> {
  const response = await fetch(url, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: {
      ...(init.body !== undefined && typeof init.body !== 'string'
        ? { 'content-type': 'application/json' }
        : {}),
      ...init.headers,
    },
    body:
      init.body === undefined
        ? undefined
        : typeof init.body === 'string'
          ? init.body
          : JSON.stringify(init.body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : null) as T };
}

export interface GraphQLBody {
  readonly data?: Record<string, unknown> | null;
  readonly errors?: readonly { message: string; path?: unknown; extensions?: Record<string, unknown> }[];
}

export function graphql(
  baseUrl: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<JsonResponse<GraphQLBody>> {
  return request<GraphQLBody>(`${baseUrl}/graphql`, { body, headers });
}

/** The value of a Prometheus sample with these labels (in any order), or undefined. */
export function sample(metrics: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of metrics.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    const [, labelText = '', value] = /^[^{]+\{(.*)\} (\S+)$/.exec(line) ?? [];
    if (Object.entries(labels).every(([key, expected]) => labelText.includes(`${key}="${expected}"`))) {
      return Number(value);
    }
  }
  return undefined;
}
