import { randomUUID } from 'node:crypto';
import {
  ERROR_META,
  ONE_OBJECT_META,
  freePort,
  restContractChecker,
  startSilentPeer,
  type RestEnvelope,
} from '@herald/testkit';
import { ADMIN_KEY, API_KEYS, request, sample, startHarness, type Harness } from './harness/gateway-harness';
import { BOOM_ID } from './harness/stub-subgraphs';

const admin = { authorization: `Bearer ${ADMIN_KEY}` };

/** The original task's payloads, verbatim, against the snake_case REST shim. */
describe('the REST shim contract', () => {
  let harness: Harness;
  let api: string;
  const userId = 'a3bb189e-8bf9-3888-9912-ace4e6543002';

  /** What a client generated from the original contract, or from the served OpenAPI document, cannot parse. */
  let contract: ReturnType<typeof restContractChecker>;

  beforeAll(async () => {
    harness = await startHarness();
    api = `${harness.url}/api/v1`;
    harness.state.addUser({ id: userId, email: 'user@example.com', name: 'User', password: 'user-password' });
    contract = restContractChecker((await request(`${harness.url}/api/openapi.json`)).body);
  });

  afterAll(() => harness?.stop());

  const payload = (requestId: string) => ({
    notification_type: 'email',
    user_id: userId,
    template_code: 'welcome',
    variables: { name: 'Ada', link: 'https://example.com/welcome', meta: { plan: 'pro' } },
    request_id: requestId,
    priority: 1,
    metadata: { campaign: 'launch' },
  });

  it('accepts a notification with 202 and the envelope', async () => {
    const response = await request<RestEnvelope>(`${api}/notifications/`, {
      body: payload(randomUUID()),
      headers: admin,
    });
    expect(response.status).toBe(202);
    expect(response.body).toEqual({
      success: true,
      data: {
        notification_id: expect.any(String),
        status: 'queued',
        request_id: expect.any(String),
        duplicate: false,
      },
      error: null,
      message: 'notification accepted',
      meta: ONE_OBJECT_META,
    });
    expect(contract('POST /api/v1/notifications/', response)).toEqual([]);
  });

  it('answers a repeated request_id with 200, the original notification and duplicate: true', async () => {
    const requestId = randomUUID();
    const first = await request<RestEnvelope>(`${api}/notifications/`, {
      body: payload(requestId),
      headers: admin,
    });
    const again = await request<RestEnvelope>(`${api}/notifications/`, {
      body: payload(requestId),
      headers: admin,
    });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({
      success: true,
      data: {
        notification_id: (first.body.data as { notification_id: string }).notification_id,
        duplicate: true,
      },
      error: null,
      meta: ONE_OBJECT_META,
    });
    expect(contract('POST /api/v1/notifications/', again)).toEqual([]);
  });

  it('answers the same request_id with a different body with 409', async () => {
    const requestId = randomUUID();
    await request(`${api}/notifications/`, { body: payload(requestId), headers: admin });
    const clash = await request<RestEnvelope>(`${api}/notifications/`, {
      body: { ...payload(requestId), notification_type: 'push', template_code: 'alert' },
      headers: admin,
    });
    expect(clash.status).toBe(409);
    expect(clash.body).toMatchObject({ success: false, data: null, error: 'CONFLICT', meta: ERROR_META });
    expect(contract('POST /api/v1/notifications/', clash)).toEqual([]);
  });

  it('answers an unknown template for the channel with 422', async () => {
    const response = await request<RestEnvelope>(`${api}/notifications/`, {
      body: { ...payload(randomUUID()), template_code: 'alert' },
      headers: admin,
    });
    expect(response.status).toBe(422);
    expect(response.body.error).toBe('UNPROCESSABLE');
    expect(contract('POST /api/v1/notifications/', response)).toEqual([]);
  });

  it('reports a notification’s status', async () => {
    const sent = await request<RestEnvelope>(`${api}/notifications/`, {
      body: payload(randomUUID()),
      headers: admin,
    });
    const id = (sent.body.data as { notification_id: string }).notification_id;
    const response = await request<RestEnvelope>(`${api}/notifications/${id}/status`, { headers: admin });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      success: true,
      data: {
        notification_id: id,
        request_id: expect.any(String),
        notification_type: 'email',
        status: 'queued',
        user_id: userId,
        template_code: 'welcome',
        attempts: 0,
        created_at: expect.any(String),
        updated_at: expect.any(String),
      },
      error: null,
      message: 'notification status',
      meta: ONE_OBJECT_META,
    });
    expect(contract('GET /api/v1/notifications/{id}/status', response)).toEqual([]);
  });

  it('forwards the caller’s identity and correlation id to NotificationService in one call', async () => {
    harness.state.seen.length = 0;
    const response = await request<RestEnvelope>(`${api}/notifications?limit=1`, {
      headers: { 'x-api-key': 'key-sender', 'x-correlation-id': 'corr-rest-grpc' },
    });
    expect(response.status).toBe(200);
    expect(harness.state.seen).toEqual([
      {
        operation: 'notifications',
        identity: { kind: 'service', id: 'k-sender', scopes: ['notifications:send', 'notifications:read'] },
        correlationId: 'corr-rest-grpc',
        traceparent: undefined,
      },
    ]);
  });

  it('answers an unknown notification with 404 and the envelope', async () => {
    const response = await request<RestEnvelope>(`${api}/notifications/${randomUUID()}/status`, {
      headers: admin,
    });
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ success: false, data: null, error: 'NOT_FOUND', meta: ERROR_META });
    expect(contract('GET /api/v1/notifications/{id}/status', response)).toEqual([]);
  });

  it('lists notifications one page at a time with PageMeta in snake_case', async () => {
    const listed = 'b1c2d3e4-0000-4000-8000-000000000001';
    harness.state.addUser({
      id: listed,
      email: 'listed@example.com',
      name: 'Listed',
      password: 'listed-password',
    });
    for (let index = 0; index < 5; index += 1) harness.state.addNotification({ userId: listed });
    const page = await request<RestEnvelope>(
      `${api}/notifications?user_id=${listed}&status=queued&page=2&limit=2`,
      {
        headers: admin,
      },
    );
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ success: true, error: null, message: 'notifications' });
    expect(page.body.data).toHaveLength(2);
    expect(page.body.meta).toEqual({
      total: 5,
      limit: 2,
      page: 2,
      total_pages: 3,
      has_next: true,
      has_previous: true,
    });
    expect(contract('GET /api/v1/notifications/', page)).toEqual([]);
  });

  it('creates a user with 201', async () => {
    const response = await request<RestEnvelope>(`${api}/users/`, {
      body: {
        name: 'Grace Hopper',
        email: 'grace@example.com',
        push_token: 'fcm-token-1',
        preferences: { email: true, push: false },
        password: 'a long enough password',
      },
    });
    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      success: true,
      data: {
        user_id: expect.any(String),
        name: 'Grace Hopper',
        email: 'grace@example.com',
        preferences: { email: true, push: false },
        created_at: expect.any(String),
      },
      error: null,
      message: 'user created',
      meta: ONE_OBJECT_META,
    });
    expect(contract('POST /api/v1/users/', response)).toEqual([]);
  });

  it('answers a second user with the same email with 409', async () => {
    const body = {
      name: 'Twin',
      email: 'twin@example.com',
      preferences: { email: true, push: true },
      password: 'twin password',
    };
    await request(`${api}/users/`, { body });
    const again = await request<RestEnvelope>(`${api}/users/`, { body });
    expect(again.status).toBe(409);
    expect(again.body.error).toBe('CONFLICT');
    expect(contract('POST /api/v1/users/', again)).toEqual([]);
  });

  it('signs in with a token that then works as the user', async () => {
    await request(`${api}/users/`, {
      body: {
        name: 'Login',
        email: 'login@example.com',
        preferences: { email: true, push: true },
        password: 'login password',
      },
    });
    const login = await request<RestEnvelope>(`${api}/auth/login`, {
      body: { email: 'login@example.com', password: 'login password' },
    });
    expect(login.status).toBe(200);
    expect(login.body).toEqual({
      success: true,
      data: {
        token: expect.any(String),
        expires_at: expect.any(String),
        user: { user_id: expect.any(String), name: 'Login', email: 'login@example.com' },
      },
      error: null,
      message: 'signed in',
      meta: ONE_OBJECT_META,
    });
    expect(contract('POST /api/v1/auth/login', login)).toEqual([]);
    const { token, user } = login.body.data as { token: string; user: { user_id: string } };
    const own = await request<RestEnvelope>(`${api}/notifications?user_id=${user.user_id}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(own.status).toBe(200);
    expect(own.body.data).toEqual([]);
    expect(own.body.meta).toEqual({
      total: 0,
      limit: 10,
      page: 1,
      total_pages: 0,
      has_next: false,
      has_previous: false,
    });
    expect(contract('GET /api/v1/notifications/', own)).toEqual([]);
  });

  it('refuses a wrong password with 401', async () => {
    const response = await request<RestEnvelope>(`${api}/auth/login`, {
      body: { email: 'user@example.com', password: 'nope' },
    });
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ success: false, error: 'UNAUTHENTICATED', meta: ERROR_META });
    expect(contract('POST /api/v1/auth/login', response)).toEqual([]);
  });

  it('maps a subgraph’s field issues to snake_case fields with 400', async () => {
    const response = await request<RestEnvelope>(`${api}/users/`, {
      body: { name: 'Short', email: 'short@example.com', password: 'short' },
    });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      error: 'BAD_USER_INPUT',
      details: { fields: [{ field: 'password', message: 'must be at least 8 characters' }] },
    });
    expect(contract('POST /api/v1/users/', response)).toEqual([]);
  });

  it('lists suppressed addresses for an admin, newest first, in snake_case with PageMeta', async () => {
    const older = randomUUID();
    const newer = randomUUID();
    const notificationId = randomUUID();
    const suppression = (id: string, reason: 'HARD_BOUNCE' | 'COMPLAINT') => ({
      id: randomUUID(),
      userId: id,
      address: `${id}@example.com`,
      reason,
      statusCode: reason === 'HARD_BOUNCE' ? '5.1.1' : null,
      diagnostic: reason === 'HARD_BOUNCE' ? '550 5.1.1 user unknown' : null,
      notificationId,
      category: 'digest',
      createdAt: new Date(),
    });
    harness.state.suppressions.push(suppression(older, 'HARD_BOUNCE'), suppression(newer, 'COMPLAINT'));

    const response = await request<RestEnvelope>(`${api}/suppressions?limit=1`, { headers: admin });

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      success: true,
      data: [
        {
          user_id: newer,
          address: `${newer}@example.com`,
          reason: 'complaint',
          status_code: null,
          diagnostic: null,
          notification_id: notificationId,
          category: 'digest',
          created_at: expect.any(String),
        },
      ],
      error: null,
      meta: { limit: 1, page: 1, has_next: true, has_previous: false },
    });
    expect(contract('GET /api/v1/suppressions', response)).toEqual([]);
  });

  it('lifts a user’s suppression for an admin, and answers lifted: false the second time', async () => {
    const suppressed = randomUUID();
    harness.state.suppressions.push({
      id: randomUUID(),
      userId: suppressed,
      address: 'gone@example.com',
      reason: 'HARD_BOUNCE',
      statusCode: '5.1.1',
      diagnostic: 'user unknown',
      notificationId: null,
      category: null,
      createdAt: new Date(),
    });
    const lift = () =>
      request<RestEnvelope>(`${api}/suppressions/${suppressed}`, { method: 'DELETE', headers: admin });

    const first = await lift();
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ success: true, data: { user_id: suppressed, lifted: true } });
    expect(contract('DELETE /api/v1/suppressions/{user_id}', first)).toEqual([]);
    expect((await lift()).body).toMatchObject({ data: { user_id: suppressed, lifted: false } });
    expect(harness.state.suppressions.some((entry) => entry.userId === suppressed)).toBe(false);
  });

  it('refuses the suppression routes to a key without users:admin, and a malformed user id with 400', async () => {
    const sender = { authorization: `Bearer ${API_KEYS.sender}` };
    const listed = await request<RestEnvelope>(`${api}/suppressions`, { headers: sender });
    expect(listed.status).toBe(403);
    expect(contract('GET /api/v1/suppressions', listed)).toEqual([]);
    const lifted = await request<RestEnvelope>(`${api}/suppressions/${randomUUID()}`, {
      method: 'DELETE',
      headers: sender,
    });
    expect(lifted.status).toBe(403);
    const malformed = await request<RestEnvelope>(`${api}/suppressions/not-a-uuid`, {
      method: 'DELETE',
      headers: admin,
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ details: { fields: [{ field: 'user_id' }] } });
    expect(contract('DELETE /api/v1/suppressions/{user_id}', malformed)).toEqual([]);
  });

  it('takes a provider’s status callback with the notifications:status scope', async () => {
    const notification = harness.state.addNotification({ userId, channel: 'PUSH', templateCode: 'alert' });
    const response = await request<RestEnvelope>(`${api}/push/status/`, {
      body: {
        notification_id: notification.id,
        status: 'delivered',
        timestamp: new Date().toISOString(),
        error: null,
      },
      headers: { 'x-api-key': 'key-status-reporter' },
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      success: true,
      data: { notification_id: notification.id, status: 'delivered', applied: true },
      meta: ONE_OBJECT_META,
    });
    expect(contract('POST /api/v1/push/status/', response)).toEqual([]);
    expect(notification.status).toBe('DELIVERED');
  });

  it('refuses a status callback on the wrong channel with 422', async () => {
    const notification = harness.state.addNotification({ userId, channel: 'PUSH', templateCode: 'alert' });
    const response = await request<RestEnvelope>(`${api}/email/status/`, {
      body: { notification_id: notification.id, status: 'failed', error: 'bounced' },
      headers: { 'x-api-key': 'key-status-reporter' },
    });
    expect(response.status).toBe(422);
    expect(response.body.error).toBe('UNPROCESSABLE');
    expect(contract('POST /api/v1/email/status/', response)).toEqual([]);
  });

  it('answers a status callback with 501 when the notifications service cannot take it', async () => {
    const withoutUrl = await harness.startGateway({
      NOTIFICATIONS_GRPC: harness.notificationsGrpcWithoutStatusReport,
    });
    const response = await request<RestEnvelope>(`${withoutUrl}/api/v1/email/status/`, {
      body: {
        notification_id: randomUUID(),
        status: 'delivered',
        timestamp: new Date().toISOString(),
        error: null,
      },
      headers: { 'x-api-key': 'key-status-reporter' },
    });
    expect(response.status).toBe(501);
    expect(response.body).toMatchObject({
      success: false,
      data: null,
      error: 'UNAVAILABLE',
      meta: ERROR_META,
    });
    expect(contract('POST /api/v1/email/status/', response)).toEqual([]);
  });

  it('answers 503 UNAVAILABLE, without transport details, when the notifications service is unreachable', async () => {
    const unreachable = await harness.startGateway({ NOTIFICATIONS_GRPC: `127.0.0.1:${await freePort()}` });
    const response = await request<RestEnvelope>(
      `${unreachable}/api/v1/notifications/${randomUUID()}/status`,
      {
        headers: admin,
      },
    );
    expect(response.status).toBe(503);
    expect(response.body).toEqual({
      success: false,
      data: null,
      error: 'UNAVAILABLE',
      message: 'the notifications service is unavailable; retry later',
      meta: ERROR_META,
    });
    expect(contract('GET /api/v1/notifications/{id}/status', response)).toEqual([]);
  });

  it('answers 503 UNAVAILABLE at the gRPC deadline when the notifications service accepts and never answers', async () => {
    const deadlineMs = 500;
    const hung = await startSilentPeer();
    try {
      const gateway = await harness.startGateway({
        NOTIFICATIONS_GRPC: hung.address,
        GRPC_DEADLINE_MS: String(deadlineMs),
      });
      const started = performance.now();
      const response = await request<RestEnvelope>(`${gateway}/api/v1/notifications/${randomUUID()}/status`, {
        headers: admin,
      });
      const elapsed = performance.now() - started;
      expect(hung.accepted()).toBeGreaterThan(0);
      expect(response.status).toBe(503);
      expect(response.body).toMatchObject({
        error: 'UNAVAILABLE',
        message: 'the notifications service is unavailable; retry later',
      });
      // The deadline, plus scheduling slack on a shared machine; without one the request would hang.
      expect(elapsed).toBeGreaterThanOrEqual(deadlineMs - 5);
      expect(elapsed).toBeLessThan(deadlineMs + 1_000);
    } finally {
      await hung.close();
    }
  });

  it('answers 500 with the correlation id and no internals', async () => {
    const response = await request<RestEnvelope>(`${api}/notifications/${BOOM_ID}/status`, {
      headers: { ...admin, 'x-correlation-id': 'corr-rest-500' },
    });
    expect(response.status).toBe(500);
    expect(response.body).toEqual({
      success: false,
      data: null,
      error: 'INTERNAL',
      message: 'internal error',
      meta: ERROR_META,
      details: { correlation_id: 'corr-rest-500' },
    });
    expect(contract('GET /api/v1/notifications/{id}/status', response)).toEqual([]);
  });

  it('answers the refusals of the edge in the same envelope, before any route runs', async () => {
    const route = 'POST /api/v1/notifications/';
    const refusals = [
      {
        status: 401,
        code: 'UNAUTHENTICATED',
        answer: await request<RestEnvelope>(`${api}/notifications/`, {
          body: payload(randomUUID()),
          headers: { 'x-api-key': 'no-such-key' },
        }),
      },
      {
        status: 400,
        code: 'BAD_USER_INPUT',
        answer: await request<RestEnvelope>(`${api}/notifications/`, {
          body: '{"notification_type": ',
          headers: { ...admin, 'content-type': 'application/json' },
        }),
      },
      {
        status: 415,
        code: 'BAD_USER_INPUT',
        answer: await request<RestEnvelope>(`${api}/notifications/`, {
          body: 'notification_type=email',
          headers: { ...admin, 'content-type': 'application/x-www-form-urlencoded' },
        }),
      },
      {
        status: 413,
        code: 'PAYLOAD_TOO_LARGE',
        answer: await request<RestEnvelope>(`${api}/notifications/`, {
          body: { ...payload(randomUUID()), variables: { pad: 'x'.repeat(2 * 1024 * 1024) } },
          headers: admin,
        }),
      },
    ];
    for (const { status, code, answer } of refusals) {
      expect({ status: answer.status, error: answer.body.error, meta: answer.body.meta }).toEqual({
        status,
        error: code,
        meta: ERROR_META,
      });
      expect(contract(route, answer)).toEqual([]);
    }
    const unknownRoute = await request<RestEnvelope>(`${api}/no-such-route`, { headers: admin });
    expect(unknownRoute.status).toBe(404);
    expect(unknownRoute.body).toEqual({
      success: false,
      data: null,
      error: 'NOT_FOUND',
      message: 'not found',
      meta: ERROR_META,
    });
  });

  it('labels REST metrics by route pattern, never by raw path', async () => {
    const metrics = await (await fetch(`${harness.url}/metrics`)).text();
    expect(
      sample(metrics, 'herald_http_request_duration_seconds_count', {
        route: '/api/v1/notifications/:id/status',
        status: '200',
      }),
    ).toBeGreaterThan(0);
    expect(
      sample(metrics, 'herald_http_request_duration_seconds_count', {
        route: '/api/v1/notifications',
        method: 'POST',
      }),
    ).toBeGreaterThan(0);
    expect(
      sample(metrics, 'herald_grpc_client_handling_seconds_count', {
        method: 'herald.v1.NotificationService/Send',
        code: 'OK',
      }),
    ).toBeGreaterThan(0);
    expect(metrics).not.toMatch(/route="\/api\/v1\/notifications\/[0-9a-f]{8}-/);
  });
});
