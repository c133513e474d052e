import { randomUUID } from 'node:crypto';
import {
  createGrpcClient,
  loadHeraldProto,
  type PromiseClient,
  type UserServiceDefinition,
} from '@herald/proto';
import type { Identity } from '@herald/identity';
import { createLogger } from '@herald/logging';
import { createTestEnvironment, postToSubgraph, type TestEnvironment } from '@herald/testkit';
import type { BoundPorts, ServiceApp } from '@herald/lifecycle';
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

export const JWT_SECRET = 'users-component-test-jwt-secret-0123456789';

/** Boots the users subgraph on free ports with a database and Redis prefix of its own. */
export async function startUsers(env: Record<string, string> = {}): Promise<RunningUsers> {
  const testEnv = createTestEnvironment();
  const log = createLogger({ service: 'users', level: 'silent' });
  let app: ServiceApp | undefined;
  const clients: { close(): void }[] = [];
  try {
    app = await createApp(
      loadUsersConfig({
        DATABASE_URL: testEnv.databaseUrl('users'),
        REDIS_URL: testEnv.redisUrl,
        REDIS_PREFIX: testEnv.redisPrefix,
        PORT: '0',
        GRPC_PORT: '0',
        INTERNAL_TOKEN,
        JWT_SECRET,
        NODE_ENV: 'test',
        ...env,
      }),
      log,
    );
    const ports = await app.start();
    const started = app;
    return {
      env: testEnv,
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
        await testEnv.cleanup();
      },
    };
  } catch (error) {
    await app?.stop();
    await testEnv.cleanup();
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
  return postToSubgraph({ port, internalToken, identity }, query, variables);
}

export interface SignedUp {
  readonly id: string;
  readonly email: string;
  readonly password: string;
  /** The gateway-forwarded identity of this user. */
  readonly identity: Identity;
}

/** Creates a user through public sign-up. */
export async function signUp(users: RunningUsers, input: Record<string, unknown> = {}): Promise<SignedUp> {
  const email = `user.${randomUUID()}@example.com`;
  const password = 'a long enough password';
  const result = await users.graphql(
    `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`,
    { input: { name: 'Someone', email, password, ...input } },
    { identity: null },
  );
  if (!result.data?.createUser) throw new Error(`createUser failed: ${JSON.stringify(result.errors)}`);
  const { id } = result.data.createUser as { id: string };
  return { id, email, password, identity: { kind: 'user', id, role: 'user', scopes: [] } };
}

/** The first error's extensions, for asserting codes and fields. */
export function errorOf(result: GraphqlResult): Record<string, unknown> | undefined {
  return result.errors?.[0]?.extensions;
}

/** The fields named by a BAD_USER_INPUT error, sorted. */
export function badFieldsOf(result: GraphqlResult): string[] {
  const issues = (errorOf(result)?.issues ?? []) as { field: string }[];
  return issues.map((issue) => issue.field).sort();
}
