import {
  createGrpcClient,
  loadHeraldProto,
  type PromiseClient,
  type UserServiceDefinition,
} from '@herald/proto';
import { encodeIdentity, type Identity } from '@herald/subgraph';
import { createLogger } from '@herald/logging';
import { createTestEnvironment, type TestEnvironment } from '@herald/testkit';
import type { BoundPorts, ServiceApp } from '@herald/observability';
import { createApp } from '../src/app';
import { loadUsersConfig } from '../src/config';

export const INTERNAL_TOKEN = 'users-component-test-token';
export const ADMIN: Identity = { kind: 'admin', id: 'admin', scopes: [] };

export interface GraphqlResult {
  readonly status: number;
  readonly data?: Record<string, unknown> | null;
  readonly errors?: readonly { message: string; extensions?: Record<string, unknown> }[];
}

export interface RunningUsers {
  readonly env: TestEnvironment;
  readonly ports: BoundPorts;
  graphql(query: string, variables?: Record<string, unknown>, options?: CallOptions): Promise<GraphqlResult>;
  grpcClient(internalToken?: string): UsersGrpcClient;
  stop(): Promise<void>;
}

export interface CallOptions {
  /** Null sends no identity header. */
  readonly identity?: Identity | null;
  /** Null sends no internal token. */
  readonly internalToken?: string | null;
}

/** Boots the users subgraph on free ports with a database of its own. */
export async function startUsers(): Promise<RunningUsers> {
  const env = createTestEnvironment();
  const log = createLogger({ service: 'users', level: 'silent' });
  let app: ServiceApp | undefined;
  const clients: { close(): void }[] = [];
  try {
    app = await createApp(
      loadUsersConfig({
        DATABASE_URL: env.databaseUrl('users'),
        PORT: '0',
        GRPC_PORT: '0',
        INTERNAL_TOKEN,
        NODE_ENV: 'test',
      }),
      log,
    );
    const ports = await app.start();
    const started = app;
    return {
      env,
      ports,
      graphql: (query, variables, options) => postGraphql(ports.http, query, variables, options),
      grpcClient(internalToken = INTERNAL_TOKEN) {
        const client = createUsersGrpcClient(`127.0.0.1:${ports.grpc ?? 0}`, internalToken);
        clients.push(client);
        return client;
      },
      async stop() {
        for (const client of clients) client.close();
        await started.stop();
        await env.cleanup();
      },
    };
  } catch (error) {
    await app?.stop();
    await env.cleanup();
    throw error;
  }
}

export type UsersGrpcClient = PromiseClient<UserServiceDefinition>;

function createUsersGrpcClient(address: string, internalToken: string): UsersGrpcClient {
  return createGrpcClient(loadHeraldProto().herald.v1.UserService, address, {
    internalToken,
    deadlineMs: 5000,
  });
}

async function postGraphql(
  port: number,
  query: string,
  variables: Record<string, unknown> = {},
  { identity = ADMIN, internalToken = INTERNAL_TOKEN }: CallOptions = {},
): Promise<GraphqlResult> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (internalToken !== null) headers['x-internal-token'] = internalToken;
  if (identity !== null) headers['x-herald-identity'] = encodeIdentity(identity);
  const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, ...((await response.json()) as Omit<GraphqlResult, 'status'>) };
}
