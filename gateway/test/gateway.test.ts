import { join } from 'node:path';
import { ConflictError, NotFoundError } from '@herald/errors';
import { createLogger } from '@herald/logging';
import { createHealthHandler, createMetricsRegistry, type ServiceApp } from '@herald/observability';
import {
  createSubgraphServer,
  loadSchemaFile,
  scalarResolvers,
  type Identity,
  type SubgraphContext,
  type SubgraphServer,
  type SubgraphServerOptions,
} from '@herald/subgraph';
import { freePort } from '@herald/testkit';
import { createApp } from '../src/app';
import { loadGatewayConfig } from '../src/config';

const REPO_ROOT = join(__dirname, '..', '..');
const ADMIN_KEY = 'component-test-admin-key';
const INTERNAL_TOKEN = 'component-test-internal-token';
const log = createLogger({ service: 'gateway-test', level: 'silent' });

interface SeenCall {
  readonly identity: Identity | undefined;
  readonly correlationId: string;
}

const users = new Map([['u-1', { id: 'u-1', email: 'ada@example.com', name: 'Ada', locale: 'en' }]]);
const notifications = new Map([
  [
    'n-1',
    {
      id: 'n-1',
      requestId: 'req-1',
      channel: 'EMAIL',
      status: 'QUEUED',
      userId: 'u-1',
      templateCode: 'welcome',
    },
  ],
]);
const seenByUsers: SeenCall[] = [];

function record(context: SubgraphContext): void {
  seenByUsers.push({ identity: context.identity, correlationId: context.correlationId });
}

const resolvers: Record<'users' | 'templates' | 'notifications', SubgraphServerOptions['resolvers']> = {
  users: {
    ...scalarResolvers,
    Query: {
      user: (_: unknown, { id }: { id: string }, context: SubgraphContext) => {
        record(context);
        return users.get(id) ?? null;
      },
    },
    Mutation: {
      createUser: (
        _: unknown,
        { input }: { input: { name: string; email: string } },
        context: SubgraphContext,
      ) => {
        record(context);
        if ([...users.values()].some((user) => user.email === input.email)) {
          throw new ConflictError(`a user with email ${input.email} already exists`);
        }
        const user = { id: `u-${users.size + 1}`, email: input.email, name: input.name, locale: 'en' };
        users.set(user.id, user);
        return user;
      },
    },
    User: { __resolveReference: ({ id }: { id: string }) => users.get(id) ?? null },
  },
  templates: {
    ...scalarResolvers,
    Template: { __resolveReference: ({ code }: { code: string }) => ({ code, channel: 'EMAIL' }) },
  },
  notifications: {
    ...scalarResolvers,
    Query: {
      notification: (_: unknown, { id }: { id: string }) => {
        if (id === 'boom') throw new Error('connection to 10.0.0.9 refused');
        const notification = notifications.get(id);
        if (!notification) throw new NotFoundError(`notification ${id} not found`);
        return notification;
      },
    },
    Notification: {
      user: ({ userId }: { userId: string }) => ({ __typename: 'User', id: userId }),
      template: ({ templateCode }: { templateCode: string }) => ({
        __typename: 'Template',
        code: templateCode,
      }),
    },
  },
};

async function startSubgraph(name: keyof typeof resolvers): Promise<{ server: SubgraphServer; url: string }> {
  const server = createSubgraphServer({
    typeDefs: loadSchemaFile(join(REPO_ROOT, 'subgraphs', name, 'schema.graphql')),
    resolvers: resolvers[name],
    internalToken: INTERNAL_TOKEN,
    health: createHealthHandler(name, [], createMetricsRegistry(name)),
    log,
  });
  const port = await server.listen(0, '127.0.0.1');
  return { server, url: `http://127.0.0.1:${port}/graphql` };
}

interface GraphQLBody {
  readonly data?: Record<string, unknown> | null;
  readonly errors?: readonly { message: string; extensions?: Record<string, unknown> }[];
}

describe('the gateway', () => {
  const subgraphs: SubgraphServer[] = [];
  const apps: ServiceApp[] = [];
  let gatewayUrl: string;
  let brokenGatewayUrl: string;

  async function startGateway(env: Record<string, string>): Promise<string> {
    const app = await createApp(
      loadGatewayConfig({
        NODE_ENV: 'test',
        PORT: '0',
        HERALD_ADMIN_API_KEY: ADMIN_KEY,
        INTERNAL_TOKEN,
        ...env,
      }),
      log,
    );
    apps.push(app);
    const { http } = await app.start();
    return `http://127.0.0.1:${http}`;
  }

  beforeAll(async () => {
    const [usersSubgraph, templatesSubgraph, notificationsSubgraph] = await Promise.all([
      startSubgraph('users'),
      startSubgraph('templates'),
      startSubgraph('notifications'),
    ]);
    subgraphs.push(usersSubgraph.server, templatesSubgraph.server, notificationsSubgraph.server);
    gatewayUrl = await startGateway({
      USERS_URL: usersSubgraph.url,
      TEMPLATES_URL: templatesSubgraph.url,
      NOTIFICATIONS_URL: notificationsSubgraph.url,
    });
    // Nothing listens on this port, and the internal token is not the one the subgraphs expect.
    brokenGatewayUrl = await startGateway({
      INTERNAL_TOKEN: 'not-the-internal-token',
      USERS_URL: usersSubgraph.url,
      TEMPLATES_URL: templatesSubgraph.url,
      NOTIFICATIONS_URL: `http://127.0.0.1:${await freePort()}/graphql`,
    });
  });

  afterAll(async () => {
    await Promise.all(apps.map((app) => app.stop()));
    await Promise.all(subgraphs.map((server) => server.close()));
  });

  beforeEach(() => {
    seenByUsers.length = 0;
  });

  async function post(
    body: unknown,
    headers: Record<string, string> = {},
    url = gatewayUrl,
  ): Promise<{ status: number; headers: Headers; body: GraphQLBody }> {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return {
      status: response.status,
      headers: response.headers,
      body: (await response.json()) as GraphQLBody,
    };
  }

  const createUser = (email: string) => ({
    query: 'mutation ($input: CreateUserInput!) { createUser(input: $input) { id email } }',
    variables: { input: { name: 'Grace', email, password: 'a long enough password' } },
  });

  describe('authentication', () => {
    it('refuses a mutation without a credential with UNAUTHENTICATED, before any subgraph sees it', async () => {
      const response = await post(createUser('anon@example.com'));
      expect(response.status).toBe(401);
      expect(response.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(response.body.data ?? null).toBeNull();
      expect(seenByUsers).toEqual([]);
    });

    it('refuses a wrong key with 401, even for a query', async () => {
      const response = await post(
        { query: '{ user(id: "u-1") { id } }' },
        { authorization: 'Bearer wrong-key' },
      );
      expect(response.status).toBe(401);
      expect(response.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(seenByUsers).toEqual([]);
    });

    it('forwards a mutation with the admin bearer key to the subgraph as the admin identity', async () => {
      const response = await post(createUser('grace@example.com'), {
        authorization: `Bearer ${ADMIN_KEY}`,
        'x-correlation-id': 'corr-create-1',
      });
      expect(response.body).toEqual({
        data: { createUser: { id: expect.any(String), email: 'grace@example.com' } },
      });
      expect(seenByUsers).toEqual([
        {
          identity: { kind: 'admin', id: 'admin', role: 'admin', scopes: [] },
          correlationId: 'corr-create-1',
        },
      ]);
    });

    it('accepts the admin key in X-API-Key', async () => {
      const response = await post(createUser('hopper@example.com'), { 'x-api-key': ADMIN_KEY });
      expect(response.body.errors).toBeUndefined();
      expect(seenByUsers[0]?.identity?.kind).toBe('admin');
    });

    it('forwards an anonymous query without an identity', async () => {
      const response = await post({ query: '{ user(id: "u-1") { email } }' });
      expect(response.body).toEqual({ data: { user: { email: 'ada@example.com' } } });
      expect(seenByUsers).toEqual([{ identity: undefined, correlationId: expect.any(String) }]);
    });
    it('ignores identity and token headers forged by the client', async () => {
      const forged = {
        'x-herald-identity': Buffer.from(JSON.stringify({ kind: 'admin', id: 'admin', scopes: [] })).toString(
          'base64url',
        ),
        'x-internal-token': INTERNAL_TOKEN,
      };
      const mutation = await post(createUser('forger@example.com'), forged);
      expect(mutation.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      const query = await post({ query: '{ user(id: "u-1") { id } }' }, forged);
      expect(query.body.errors).toBeUndefined();
      expect(seenByUsers).toEqual([{ identity: undefined, correlationId: expect.any(String) }]);
    });
  });

  describe('federation', () => {
    it('resolves a notification with its user and template from three subgraphs', async () => {
      const response = await post({
        query:
          '{ notification(id: "n-1") { requestId status user { email name } template { code channel } } }',
      });
      expect(response.body).toEqual({
        data: {
          notification: {
            requestId: 'req-1',
            status: 'QUEUED',
            user: { email: 'ada@example.com', name: 'Ada' },
            template: { code: 'welcome', channel: 'EMAIL' },
          },
        },
      });
    });

    it('keeps the code and message of a subgraph error, without naming the subgraph', async () => {
      const response = await post({ query: '{ notification(id: "n-404") { id } }' });
      expect(response.body.errors).toEqual([
        {
          message: 'notification n-404 not found',
          path: ['notification'],
          extensions: { code: 'NOT_FOUND' },
        },
      ]);
    });

    it('keeps CONFLICT from a mutation', async () => {
      const response = await post(createUser('ada@example.com'), { authorization: `Bearer ${ADMIN_KEY}` });
      expect(response.body.errors?.[0]).toMatchObject({
        message: 'a user with email ada@example.com already exists',
        extensions: { code: 'CONFLICT' },
      });
    });

    it('masks an internal subgraph fault behind the request’s correlation id', async () => {
      const response = await post(
        { query: '{ notification(id: "boom") { id } }' },
        { 'x-correlation-id': 'corr-boom' },
      );
      expect(response.body.errors?.[0]).toMatchObject({
        message: 'internal error',
        extensions: { code: 'INTERNAL', correlationId: 'corr-boom' },
      });
      expect(JSON.stringify(response.body)).not.toContain('10.0.0.9');
    });

    it('answers GraphQL validation errors itself', async () => {
      const response = await post({ query: '{ nope }' });
      expect(response.status).toBe(400);
      expect(response.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    });
  });

  describe('correlation id', () => {
    it('echoes the caller’s x-correlation-id and forwards it to the subgraph', async () => {
      const response = await post(
        { query: '{ user(id: "u-1") { id } }' },
        { 'x-correlation-id': 'corr-echo-7' },
      );
      expect(response.headers.get('x-correlation-id')).toBe('corr-echo-7');
      expect(seenByUsers.map((call) => call.correlationId)).toEqual(['corr-echo-7']);
    });

    it('generates one when the caller sends none, and forwards that one', async () => {
      const response = await post({ query: '{ user(id: "u-1") { id } }' });
      const generated = response.headers.get('x-correlation-id');
      expect(generated).toMatch(/^[0-9a-f-]{36}$/);
      expect(seenByUsers.map((call) => call.correlationId)).toEqual([generated]);
    });
  });

  describe('HTTP', () => {
    it('answers /health, /ready with every subgraph up, and /metrics', async () => {
      const health = await fetch(`${gatewayUrl}/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: 'ok', service: 'gateway' });
      const ready = await fetch(`${gatewayUrl}/ready`);
      expect(await ready.json()).toEqual({
        status: 'ready',
        service: 'gateway',
        checks: { supergraph: 'ok', users: 'ok', templates: 'ok', notifications: 'ok' },
      });
      const metrics = await fetch(`${gatewayUrl}/metrics`);
      expect(await metrics.text()).toContain('herald_process_cpu_user_seconds_total{service="gateway"}');
    });

    it('refuses a body over the limit with 413', async () => {
      const response = await post({ query: '{ __typename }', variables: { pad: 'x'.repeat(1_100_000) } });
      expect(response.status).toBe(413);
      expect(response.body.errors?.[0]?.extensions?.code).toBe('PAYLOAD_TOO_LARGE');
    });

    it('answers an unknown path with a JSON 404', async () => {
      const response = await fetch(`${gatewayUrl}/nope`);
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({
        errors: [{ message: 'not found', extensions: { code: 'NOT_FOUND' } }],
      });
    });

    it('answers malformed JSON with 400', async () => {
      const response = await post('{"query": ');
      expect(response.status).toBe(400);
      expect(response.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    });
  });

  describe('with a subgraph down or misconfigured', () => {
    it('reports an unreachable subgraph as UNAVAILABLE', async () => {
      const response = await post({ query: '{ notification(id: "n-1") { id } }' }, {}, brokenGatewayUrl);
      expect(response.body.errors?.[0]).toMatchObject({
        message: 'the notifications service is unavailable; retry later',
        extensions: { code: 'UNAVAILABLE' },
      });
    });

    it('masks a subgraph refusing the internal token as INTERNAL with the correlation id', async () => {
      const response = await post(
        { query: '{ user(id: "u-1") { id } }' },
        { 'x-correlation-id': 'corr-token' },
        brokenGatewayUrl,
      );
      expect(response.body.errors?.[0]).toMatchObject({
        message: 'internal error',
        extensions: { code: 'INTERNAL', correlationId: 'corr-token' },
      });
      expect(seenByUsers).toEqual([]);
    });

    it('is not ready, naming the subgraph that is down', async () => {
      const ready = await fetch(`${brokenGatewayUrl}/ready`);
      expect(ready.status).toBe(503);
      const body = (await ready.json()) as { checks: Record<string, string> };
      expect(body.checks.users).toBe('ok');
      expect(body.checks.notifications).toBe('unreachable (ECONNREFUSED)');
    });
  });
});
