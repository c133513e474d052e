import { createHash } from 'node:crypto';
import { freePort } from '@herald/testkit';
import {
  ADMIN_KEY,
  graphql,
  request,
  sample,
  startHarness,
  tokenFor,
  type Harness,
} from './harness/gateway-harness';

const admin = { authorization: `Bearer ${ADMIN_KEY}` };

describe('the gateway', () => {
  let harness: Harness;
  let url: string;
  let brokenUrl: string;
  let productionUrl: string;
  let noUsersUrl: string;
  const ada = { id: '6f1c1b8e-0a51-4b8e-9a3e-2d7c5b1f0a01', email: 'ada@example.com' };
  const notificationId = '0d5a2f4e-3c1b-4a9d-8e7f-6a5b4c3d2e01';

  beforeAll(async () => {
    harness = await startHarness();
    url = harness.url;
    harness.state.addUser({ id: ada.id, email: ada.email, name: 'Ada', password: 'ada-password' });
    harness.state.addNotification({ id: notificationId, userId: ada.id, requestId: 'req-1' });
    // The internal token is not the one the subgraphs expect, and nothing listens for notifications.
    brokenUrl = await harness.startGateway({
      INTERNAL_TOKEN: 'not-the-internal-token',
      NOTIFICATIONS_URL: `http://127.0.0.1:${await freePort()}/graphql`,
    });
    productionUrl = await harness.startGateway({ NODE_ENV: 'production' });
    noUsersUrl = await harness.startGateway({ USERS_GRPC: `127.0.0.1:${await freePort()}` });
  });

  afterAll(() => harness?.stop());

  beforeEach(() => {
    harness.state.seen.length = 0;
  });

  const createUser = (email: string) => ({
    query: 'mutation ($input: CreateUserInput!) { createUser(input: $input) { id email } }',
    variables: { input: { name: 'Grace', email, password: 'a long enough password' } },
  });

  describe('identity', () => {
    it('lets an anonymous mutation through to the subgraph, which decides (sign-up is public)', async () => {
      const response = await graphql(url, createUser('anon@example.com'));
      expect(response.body.errors).toBeUndefined();
      expect(harness.state.seen).toEqual([
        { operation: 'createUser', identity: undefined, correlationId: expect.any(String) },
      ]);
    });

    it('leaves refusing an anonymous caller to the subgraph', async () => {
      const response = await graphql(url, {
        query: 'mutation { createTemplate(input: {code: "x", channel: EMAIL, body: "b"}) { code } }',
      });
      expect(response.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    });

    it('refuses an invalid credential with 401, even for a query, before any subgraph sees it', async () => {
      const response = await graphql(url, { query: '{ me { id } }' }, { authorization: 'Bearer wrong-key' });
      expect(response.status).toBe(401);
      expect(response.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(harness.state.seen).toEqual([]);
    });

    it('forwards the admin key as the admin identity, with the caller’s correlation id', async () => {
      const response = await graphql(url, createUser('grace@example.com'), {
        ...admin,
        'x-correlation-id': 'corr-create-1',
      });
      expect(response.body.data).toEqual({
        createUser: { id: expect.any(String), email: 'grace@example.com' },
      });
      expect(harness.state.seen).toEqual([
        {
          operation: 'createUser',
          identity: { kind: 'admin', id: 'admin', role: 'admin', scopes: [] },
          correlationId: 'corr-create-1',
        },
      ]);
    });

    it('resolves a JWT through users’ VerifyCredential and forwards the user identity', async () => {
      const response = await graphql(
        url,
        { query: '{ me { email } }' },
        { authorization: `Bearer ${tokenFor(ada.id)}` },
      );
      expect(response.body).toEqual({ data: { me: { email: ada.email } } });
      expect(harness.state.seen[0]?.identity).toEqual({ kind: 'user', id: ada.id, role: 'user', scopes: [] });
    });

    it('resolves an API key in X-API-Key to a service identity with its scopes', async () => {
      await graphql(
        url,
        { query: `{ notification(id: "${notificationId}") { id } }` },
        { 'x-api-key': 'key-sender' },
      );
      expect(harness.state.seen[0]?.identity).toEqual({
        kind: 'service',
        id: 'k-sender',
        scopes: ['notifications:send', 'notifications:read'],
      });
    });

    it('asks users once for a credential used repeatedly within the cache time', async () => {
      const credential = { authorization: `Bearer ${tokenFor(ada.id)}` };
      const before = harness.verifyCalls.length;
      await graphql(url, { query: '{ me { id } }' }, credential);
      await graphql(url, { query: '{ me { id } }' }, credential);
      expect(harness.verifyCalls.length - before).toBeLessThanOrEqual(1);
    });

    it('answers 503 UNAVAILABLE when users cannot verify a credential', async () => {
      const response = await graphql(noUsersUrl, { query: '{ me { id } }' }, { 'x-api-key': 'key-sender' });
      expect(response.status).toBe(503);
      expect(response.body.errors?.[0]?.extensions?.code).toBe('UNAVAILABLE');
    });

    it('ignores identity and token headers forged by the client', async () => {
      const forged = {
        'x-herald-identity': Buffer.from(JSON.stringify({ kind: 'admin', id: 'admin', scopes: [] })).toString(
          'base64url',
        ),
        'x-internal-token': 'component-test-internal-token',
      };
      const response = await graphql(url, { query: `{ user(id: "${ada.id}") { id } }` }, forged);
      expect(response.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(harness.state.seen).toEqual([
        { operation: 'user', identity: undefined, correlationId: expect.any(String) },
      ]);
    });
  });

  describe('federation', () => {
    it('resolves a notification with its user and template from three subgraphs', async () => {
      const response = await graphql(
        url,
        {
          query: `{ notification(id: "${notificationId}") { requestId status user { email name } template { code channel } } }`,
        },
        admin,
      );
      expect(response.body).toEqual({
        data: {
          notification: {
            requestId: 'req-1',
            status: 'QUEUED',
            user: { email: ada.email, name: 'Ada' },
            template: { code: 'welcome', channel: 'EMAIL' },
          },
        },
      });
    });

    it('keeps the code and message of a subgraph error, without naming the subgraph', async () => {
      const response = await graphql(url, { query: '{ notification(id: "n-404") { id } }' }, admin);
      expect(response.body.errors).toEqual([
        {
          message: 'notification n-404 not found',
          path: ['notification'],
          extensions: { code: 'NOT_FOUND' },
        },
      ]);
    });

    it('masks an internal subgraph fault behind the request’s correlation id', async () => {
      const response = await graphql(
        url,
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
      const response = await graphql(url, { query: '{ nope }' });
      expect(response.status).toBe(400);
      expect(response.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    });
  });

  describe('protection', () => {
    it('serves automatic persisted queries: a hash alone once the query was registered', async () => {
      const query = '{ template(code: "welcome") { code } }';
      const sha256Hash = createHash('sha256').update(query).digest('hex');
      const extensions = { persistedQuery: { version: 1, sha256Hash } };
      const unknown = await graphql(url, { extensions });
      expect(unknown.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
      await graphql(url, { query, extensions });
      const known = await graphql(url, { extensions });
      expect(known.body).toEqual({ data: { template: { code: 'welcome' } } });
    });

    it('refuses a GET without a CSRF-safe header', async () => {
      const response = await request(`${url}/graphql?query=${encodeURIComponent('{ __typename }')}`);
      expect(response.status).toBe(400);
    });

    it('allows introspection outside production and refuses it in production', async () => {
      const query = { query: '{ __schema { queryType { name } } }' };
      expect((await graphql(url, query)).body.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
      const refused = await graphql(productionUrl, query);
      expect(refused.status).toBe(400);
      expect(refused.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    });
  });

  describe('correlation id', () => {
    it('echoes the caller’s x-correlation-id and forwards it to the subgraph', async () => {
      const response = await graphql(
        url,
        { query: `{ user(id: "${ada.id}") { id } }` },
        { ...admin, 'x-correlation-id': 'corr-echo-7' },
      );
      expect(response.headers.get('x-correlation-id')).toBe('corr-echo-7');
      expect(harness.state.seen.map((call) => call.correlationId)).toEqual(['corr-echo-7']);
    });

    it('forwards the caller’s W3C trace context to the subgraph', async () => {
      const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
      await graphql(url, { query: `{ user(id: "${ada.id}") { id } }` }, { ...admin, traceparent });
      expect(harness.state.seen.map((call) => call.traceparent)).toEqual([traceparent]);
    });

    it('generates one when the caller sends none, and forwards that one', async () => {
      const response = await graphql(url, { query: `{ user(id: "${ada.id}") { id } }` }, admin);
      const generated = response.headers.get('x-correlation-id');
      expect(generated).toMatch(/^[0-9a-f-]{36}$/);
      expect(harness.state.seen.map((call) => call.correlationId)).toEqual([generated]);
    });
  });

  describe('operations endpoints', () => {
    it('answers /health, and /ready with every subgraph, their gRPC health and Redis up', async () => {
      const health = await request(`${url}/health`);
      expect(health).toMatchObject({ status: 200, body: { status: 'ok', service: 'gateway' } });
      const ready = await request(`${url}/ready`);
      expect(ready.body).toEqual({
        status: 'ready',
        service: 'gateway',
        checks: {
          supergraph: 'ok',
          users: 'ok',
          templates: 'ok',
          notifications: 'ok',
          users_grpc: 'ok',
          notifications_grpc: 'ok',
          redis: 'ok',
        },
      });
    });

    it('counts requests per route and operation, latencies and errors by code in /metrics', async () => {
      await graphql(url, { query: 'query ReadTemplate { template(code: "welcome") { code } }' });
      await graphql(url, { query: '{ me { id } }' }, { authorization: 'Bearer wrong-key' });
      const metrics = await (await fetch(`${url}/metrics`)).text();
      expect(metrics).toContain('herald_process_cpu_user_seconds_total{service="gateway"}');
      expect(
        sample(metrics, 'herald_gateway_graphql_operations_total', {
          operation: 'ReadTemplate',
          result: 'ok',
        }),
      ).toBeGreaterThan(0);
      expect(
        sample(metrics, 'herald_gateway_graphql_operation_duration_seconds_count', {
          operation: 'ReadTemplate',
        }),
      ).toBeGreaterThan(0);
      expect(
        sample(metrics, 'herald_http_request_duration_seconds_count', {
          route: '/graphql',
          method: 'POST',
          status: '200',
        }),
      ).toBeGreaterThan(0);
      expect(
        sample(metrics, 'herald_gateway_errors_total', { code: 'UNAUTHENTICATED', source: 'http' }),
      ).toBeGreaterThan(0);
    });

    it('answers an unknown path with a JSON 404', async () => {
      const response = await request(`${url}/nope`);
      expect(response).toMatchObject({
        status: 404,
        body: { errors: [{ message: 'not found', extensions: { code: 'NOT_FOUND' } }] },
      });
    });
  });

  describe('with a subgraph down or misconfigured', () => {
    it('reports an unreachable subgraph as UNAVAILABLE', async () => {
      const response = await graphql(
        brokenUrl,
        { query: `{ notification(id: "${notificationId}") { id } }` },
        admin,
      );
      expect(response.body.errors?.[0]).toMatchObject({
        message: 'the notifications service is unavailable; retry later',
        extensions: { code: 'UNAVAILABLE' },
      });
    });

    it('masks a subgraph refusing the internal token as INTERNAL with the correlation id', async () => {
      const response = await graphql(
        brokenUrl,
        { query: '{ template(code: "welcome") { code } }' },
        { 'x-correlation-id': 'corr-token' },
      );
      expect(response.body.errors?.[0]).toMatchObject({
        message: 'internal error',
        extensions: { code: 'INTERNAL', correlationId: 'corr-token' },
      });
      expect(harness.state.seen).toEqual([]);
    });

    it('is not ready, naming the subgraph that is down', async () => {
      const ready = await request<{ checks: Record<string, string> }>(`${brokenUrl}/ready`);
      expect(ready.status).toBe(503);
      expect(ready.body.checks.users).toBe('ok');
      expect(ready.body.checks.notifications).toBe('unreachable (ECONNREFUSED)');
    });

    it("is not ready, naming users' gRPC health, when users' gRPC server does not answer", async () => {
      const ready = await request<{ checks: Record<string, string> }>(`${noUsersUrl}/ready`);
      expect(ready.status).toBe(503);
      expect(ready.body.checks.users_grpc).toBe('unreachable (UNAVAILABLE)');
      expect(ready.body.checks.notifications_grpc).toBe('ok');
    });
  });
});
