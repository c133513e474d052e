import { createHmac, randomUUID } from 'node:crypto';
import { createGrpcClient, loadHeraldProto } from '@herald/proto';
import { IDENTITY_HEADER, encodeIdentity } from '@herald/identity';
import { waitFor } from '@herald/testkit';
import {
  admin,
  createApiKey,
  createEmailTemplate,
  createUserWithToken,
  dataFrom,
  errorCodes,
  graphql,
  request,
  sendEmail,
  sentId,
  state,
  type HttpAnswer,
  type TestUser,
} from './attack-kit';
import { createTally } from './attack-report';
import { subscribe } from './graphql-ws-client';

const tally = createTally('auth-bypass', state.logDir);
afterAll(() => tally.save());

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A JWT shaped like the users service's, signed with `key` (or unsigned for alg none). */
function jwt(claims: Record<string, unknown>, key: string | null): string {
  const header = base64url({ alg: key === null ? 'none' : 'HS256', typ: 'JWT' });
  const body = base64url(claims);
  const signature =
    key === null ? '' : createHmac('sha256', key).update(`${header}.${body}`).digest('base64url');
  return `${header}.${body}.${signature}`;
}

const now = () => Math.floor(Date.now() / 1000);
const claimsFor = (userId: string, overrides: Record<string, unknown> = {}) => ({
  sub: userId,
  iss: 'herald-users',
  aud: 'herald',
  iat: now() - 60,
  exp: now() + 3600,
  ...overrides,
});

/** Refused outright: 401 with UNAUTHENTICATED, and nothing of the target in the answer. */
function expectUnauthenticated(answer: HttpAnswer): void {
  expect(answer.status).toBe(401);
  expect(errorCodesOrEnvelope(answer)).toEqual(['UNAUTHENTICATED']);
}

function errorCodesOrEnvelope(answer: HttpAnswer): string[] {
  const envelope = answer.body as { error?: string | null } | undefined;
  return envelope?.error ? [envelope.error] : errorCodes(answer);
}

/** Not allowed: a refusal code or nothing found (null), and none of the other user's data. */
function expectRefused(answer: HttpAnswer, secrets: readonly string[]): void {
  expect(answer.status).toBeLessThan(500);
  const codes = errorCodesOrEnvelope(answer);
  for (const code of codes) expect(['FORBIDDEN', 'NOT_FOUND', 'UNAUTHENTICATED']).toContain(code);
  if (codes.length === 0) {
    const data = (answer.body as { data?: Record<string, unknown> }).data ?? {};
    expect(Object.values(data).every((value) => value === null)).toBe(true);
  }
  for (const secret of secrets) expect(answer.text).not.toContain(secret);
}

describe('forged, expired and foreign credentials at the gateway', () => {
  let victim: TestUser;

  beforeAll(async () => {
    victim = await createUserWithToken('victim');
  });

  const me = (authorization: string) => graphql('{ me { id email } }', {}, { authorization });

  it("accepts the victim's genuine token (the control)", async () => {
    await tally.attempt('genuine JWT', async () => {
      expect(dataFrom<{ me: { id: string } }>(await me(`Bearer ${victim.token}`)).me.id).toBe(victim.id);
    });
  });

  const forgeries: [string, () => string][] = [
    ['alg none', () => jwt(claimsFor(victim.id), null)],
    ['alg none, upper case', () => `${base64url({ alg: 'NONE' })}.${base64url(claimsFor(victim.id))}.`],
    ['the wrong key', () => jwt(claimsFor(victim.id), 'not-the-secret-but-long-enough-to-look-real')],
    [
      'an expired token signed with the real key',
      () => jwt(claimsFor(victim.id, { exp: now() - 5 }), state.jwtSecret),
    ],
    ['another issuer, real key', () => jwt(claimsFor(victim.id, { iss: 'evil' }), state.jwtSecret)],
    ['another audience, real key', () => jwt(claimsFor(victim.id, { aud: 'other' }), state.jwtSecret)],
    ['no expiry, real key', () => jwt(claimsFor(victim.id, { exp: undefined }), state.jwtSecret)],
    [
      "the victim's signature over another subject",
      () => {
        const [header, , signature] = victim.token.split('.');
        return `${header}.${base64url(claimsFor(randomUUID()))}.${signature}`;
      },
    ],
    ['garbage', () => 'eyJhbGciOi.garbage.token'],
    ['an unknown API key', () => `hk_${randomUUID().replaceAll('-', '')}`],
  ];

  it.each(forgeries)('refuses %s with 401 on GraphQL, REST and graphql-ws', async (name, forge) => {
    const credential = forge();
    await tally.attempt(`forged credential over GraphQL: ${name}`, async () => {
      expectUnauthenticated(await me(`Bearer ${credential}`));
    });
    await tally.attempt(`forged credential in X-API-Key: ${name}`, async () => {
      expectUnauthenticated(await graphql('{ me { id } }', {}, { 'x-api-key': credential }));
    });
    await tally.attempt(`forged credential over REST: ${name}`, async () => {
      expectUnauthenticated(
        await request('GET', '/api/v1/notifications', { headers: { authorization: `Bearer ${credential}` } }),
      );
    });
    await tally.attempt(`forged credential over graphql-ws: ${name}`, async () => {
      const stream = subscribe(credential, 'subscription { notificationStatusChanged { status } }');
      const closed = await stream.closed;
      stream.dispose();
      expect(closed.code).toBe(4403);
    });
  });
});

describe('API keys act only within their scopes', () => {
  const attempts: [string, string, string, Record<string, unknown>][] = [
    [
      'notifications:read',
      'sends a notification',
      `mutation ($input: SendNotificationInput!) { sendNotification(input: $input) { duplicate } }`,
      {
        input: { channel: 'EMAIL', userId: randomUUID(), templateCode: 'welcome', requestId: randomUUID() },
      },
    ],
    [
      'notifications:read',
      'creates a template',
      `mutation { createTemplate(input: { code: "scope-${randomUUID().slice(0, 8)}", channel: EMAIL, subject: "s", body: "b" }) { code } }`,
      {},
    ],
    ['notifications:read', 'lists users', `{ users { meta { total } } }`, {}],
    [
      'notifications:read',
      'mints an API key',
      `mutation { createApiKey(name: "x", scopes: ["users:admin"]) { secret } }`,
      {},
    ],
    ['templates:write', 'reads notifications', `{ notifications { meta { total } } }`, {}],
    [
      'notifications:send',
      'reports a delivery status',
      `mutation ($id: ID!) { reportNotificationStatus(input: { notificationId: $id, channel: EMAIL, status: DELIVERED }) { applied } }`,
      { id: randomUUID() },
    ],
    [
      'users:admin',
      'mints a key with a scope it does not hold',
      `mutation { createApiKey(name: "escalate", scopes: ["notifications:send"]) { secret } }`,
      {},
    ],
    [
      'users:admin',
      'creates an admin',
      `mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }`,
      {
        input: {
          name: 'Mallory',
          email: `mallory.${randomUUID().slice(0, 8)}@example.com`,
          password: 'long enough password',
          role: 'ADMIN',
        },
      },
    ],
  ];

  it.each(attempts)('a %s key that %s is refused with FORBIDDEN', async (scope, action, query, variables) => {
    const key = await createApiKey(`scope-${scope.replace(':', '-')}`, [scope]);
    await tally.attempt(`${scope} key ${action}`, async () => {
      const answer = await graphql(query, variables, { 'x-api-key': key });
      expect(answer.status).toBeLessThan(500);
      expect(errorCodes(answer)).toContain('FORBIDDEN');
    });
  });

  it('refuses the REST status callback to a key without notifications:status', async () => {
    const key = await createApiKey('no-status-scope', ['notifications:send']);
    await tally.attempt('REST callback without notifications:status', async () => {
      const answer = await request('POST', '/api/v1/email/status/', {
        json: { notification_id: randomUUID(), status: 'delivered' },
        headers: { 'x-api-key': key },
      });
      expect(answer.status).toBe(403);
    });
  });

  it('ignores identity and internal-token headers a client sends to the gateway', async () => {
    await tally.attempt('client-sent x-herald-identity and x-internal-token', async () => {
      const answer = await graphql(
        '{ users { meta { total } } }',
        {},
        {
          'x-herald-identity': encodeIdentity({ kind: 'admin', id: 'admin', scopes: [] }),
          'x-internal-token': state.internalToken,
        },
      );
      expect(errorCodes(answer).length).toBeGreaterThan(0);
      expect(['FORBIDDEN', 'UNAUTHENTICATED']).toContain(errorCodes(answer)[0]);
    });
  });
});

describe('the subgraphs and gRPC services refuse calls that do not come from inside', () => {
  const adminIdentity = encodeIdentity({ kind: 'admin', id: 'admin', scopes: [] });
  const subgraphs = ['users', 'templates', 'notifications'] as const;
  const tokens: [string, Record<string, string>][] = [
    ['no internal token', {}],
    ['a wrong internal token', { 'x-internal-token': 'wrong-token' }],
    ['a token of the right length', { 'x-internal-token': 'x'.repeat(state.internalToken.length) }],
  ];

  it.each(subgraphs.flatMap((name) => tokens.map(([label, headers]) => [name, label, headers] as const)))(
    'the %s subgraph over HTTP refuses %s, even with an admin identity',
    async (name, label, headers) => {
      await tally.attempt(`${name} subgraph HTTP with ${label}`, async () => {
        const response = await fetch(`http://127.0.0.1:${state.ports[name]}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-herald-identity': adminIdentity, ...headers },
          body: JSON.stringify({ query: '{ __typename }' }),
          signal: AbortSignal.timeout(10_000),
        });
        expect(response.status).toBe(401);
        expect(await response.text()).not.toContain('__typename');
      });
    },
  );

  const { UserService, TemplateService, NotificationStatusService, NotificationService } =
    loadHeraldProto().herald.v1;

  it.each(['', 'wrong-token'])('gRPC refuses the internal token %p on every service', async (token) => {
    const users = createGrpcClient(UserService, `127.0.0.1:${state.ports.usersGrpc}`, {
      internalToken: token,
      deadlineMs: 5000,
    });
    const templates = createGrpcClient(TemplateService, `127.0.0.1:${state.ports.templatesGrpc}`, {
      internalToken: token,
      deadlineMs: 5000,
    });
    const notifications = createGrpcClient(
      NotificationStatusService,
      `127.0.0.1:${state.ports.notificationsGrpc}`,
      {
        internalToken: token,
        deadlineMs: 5000,
      },
    );
    const rest = createGrpcClient(NotificationService, `127.0.0.1:${state.ports.notificationsGrpc}`, {
      internalToken: token,
      deadlineMs: 5000,
    });
    // The forwarded identity is trusted only beside the internal token.
    const asAdmin = { [IDENTITY_HEADER]: encodeIdentity({ kind: 'admin', id: 'admin', scopes: [] }) };
    const calls: [string, () => Promise<unknown>][] = [
      ['notifications.List as admin', () => rest.List({}, asAdmin)],
      ['users.VerifyCredential', () => users.VerifyCredential({ credential: state.adminApiKey })],
      ['users.GetUser', () => users.GetUser({ id: randomUUID() })],
      ['templates.GetTemplate', () => templates.GetTemplate({ code: 'welcome', locale: '' })],
      [
        'notifications.ReportStatus',
        () =>
          notifications.ReportStatus({
            notification_id: randomUUID(),
            status: 'DELIVERED',
            detail: '',
            timestamp: '',
            attempt: 1,
          }),
      ],
      [
        'notifications.ReportStatusStream',
        () =>
          notifications.ReportStatusStream.request({
            reports: [
              {
                notification_id: randomUUID(),
                status: 'DELIVERED',
                detail: '',
                timestamp: '',
                attempt: 1,
              },
            ],
          }),
      ],
    ];
    try {
      for (const [name, call] of calls) {
        await tally.attempt(`gRPC ${name} with token ${JSON.stringify(token)}`, async () => {
          await expect(call()).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
        });
      }
    } finally {
      users.close();
      templates.close();
      notifications.close();
      rest.close();
    }
  });
});

describe("one user cannot reach another's data through any query, mutation or subscription", () => {
  let victim: TestUser;
  let intruder: TestUser;
  let notificationId: string;
  let deviceId: string;
  /** Only ever in the victim's notification: it must not show up in anything the intruder reads. */
  const marker = `victim-secret-${randomUUID()}`;
  let secrets: string[];
  let templateCode: string;

  beforeAll(async () => {
    [victim, intruder] = await Promise.all([createUserWithToken('victim'), createUserWithToken('intruder')]);
    templateCode = await createEmailTemplate({ subject: 'For {{name}}', body: 'Private: {{name}}' });
    notificationId = sentId(
      await sendEmail(victim.id, templateCode, {
        variables: { name: marker },
        sendAt: new Date(Date.now() + 3_600_000).toISOString(),
      }),
    );
    deviceId = dataFrom<{ registerDevice: { id: string } }>(
      await graphql(
        `
          mutation ($userId: ID) {
            registerDevice(userId: $userId, input: { kind: FCM, token: "victim-device-token" }) {
              id
            }
          }
        `,
        { userId: victim.id },
      ),
    ).registerDevice.id;
    secrets = [victim.email, marker, 'victim-device-token'];
  });

  const asIntruder = (query: string, variables: Record<string, unknown> = {}) =>
    graphql(query, variables, intruder.bearer);

  const refusedOperations: [string, string, () => Record<string, unknown>][] = [
    [
      'user(id)',
      'query ($id: ID!) { user(id: $id) { email devices { id } preferences { email } } }',
      () => ({ id: victim.id }),
    ],
    ['users', '{ users { items { email } } }', () => ({})],
    [
      'notification(id)',
      'query ($id: ID!) { notification(id: $id) { id variables user { email } } }',
      () => ({ id: notificationId }),
    ],
    [
      'notifications(filter: userId)',
      'query ($id: ID) { notifications(filter: { userId: $id }) { items { id variables } } }',
      () => ({ id: victim.id }),
    ],
    ['apiKeys', '{ apiKeys { id name } }', () => ({})],
    [
      'updatePreferences(userId)',
      'mutation ($id: ID) { updatePreferences(userId: $id, input: { email: false }) { email } }',
      () => ({ id: victim.id }),
    ],
    [
      'registerDevice(userId)',
      'mutation ($id: ID) { registerDevice(userId: $id, input: { kind: FCM, token: "intruder-token" }) { id } }',
      () => ({ id: victim.id }),
    ],
    ['removeDevice', 'mutation ($id: ID!) { removeDevice(id: $id) }', () => ({ id: deviceId })],
    [
      'cancelNotification',
      'mutation ($id: ID!) { cancelNotification(id: $id) { id status } }',
      () => ({ id: notificationId }),
    ],
    [
      'retryNotification',
      'mutation ($id: ID!) { retryNotification(id: $id) { id status } }',
      () => ({ id: notificationId }),
    ],
    [
      'replayFailedNotifications',
      'mutation { replayFailedNotifications(limit: 1000) { replayed notificationIds } }',
      () => ({}),
    ],
    [
      'sendNotification to the victim',
      'mutation ($id: ID!) { sendNotification(input: { channel: EMAIL, userId: $id, templateCode: "welcome", requestId: "x" }) { duplicate } }',
      () => ({ id: victim.id }),
    ],
    [
      'reportNotificationStatus',
      'mutation ($id: ID!) { reportNotificationStatus(input: { notificationId: $id, channel: EMAIL, status: FAILED }) { applied } }',
      () => ({ id: notificationId }),
    ],
    [
      'createApiKey',
      'mutation { createApiKey(name: "mine", scopes: ["users:admin"]) { secret } }',
      () => ({}),
    ],
  ];

  it.each(refusedOperations)('refuses %s', async (name, query, variables) => {
    await tally.attempt(`intruder: ${name}`, async () =>
      expectRefused(await asIntruder(query, variables()), secrets),
    );
  });

  it("lists only the intruder's own notifications and devices", async () => {
    await tally.attempt('intruder: unfiltered notifications and me', async () => {
      const answer = await asIntruder(
        '{ notifications(limit: 100) { items { id user { id } } } me { id devices { id } } }',
      );
      const data = dataFrom<{
        notifications: { items: { user: { id: string } }[] };
        me: { id: string; devices: { id: string }[] };
      }>(answer);
      expect(data.notifications.items.every((item) => item.user.id === intruder.id)).toBe(true);
      expect(data.me.id).toBe(intruder.id);
      expect(data.me.devices.map((device) => device.id)).not.toContain(deviceId);
      for (const secret of secrets) expect(answer.text).not.toContain(secret);
    });
  });

  it("refuses the victim's notification over REST", async () => {
    await tally.attempt('intruder: REST status of the victim’s notification', async () => {
      expectRefused(
        await request('GET', `/api/v1/notifications/${notificationId}/status`, { headers: intruder.bearer }),
        secrets,
      );
    });
    await tally.attempt('intruder: REST list filtered by the victim', async () => {
      const answer = await request('GET', `/api/v1/notifications?user_id=${victim.id}`, {
        headers: intruder.bearer,
      });
      if (answer.status < 400) expect((answer.body as { data: unknown[] }).data).toEqual([]);
      for (const secret of secrets) expect(answer.text).not.toContain(secret);
    });
    await tally.attempt('intruder: REST replay of failed notifications', async () => {
      expectRefused(
        await request('POST', '/api/v1/notifications/replay', {
          headers: intruder.bearer,
          json: { limit: 1000 },
        }),
        secrets,
      );
    });
  });

  it("left the victim's preferences, devices and notification as they were", async () => {
    await tally.attempt('victim data unchanged after the intrusions', async () => {
      const data = dataFrom<{
        user: { preferences: { email: boolean }; devices: { id: string }[] };
        notification: { status: string };
      }>(
        await graphql(
          'query ($id: ID!, $n: ID!) { user(id: $id) { preferences { email } devices { id } } notification(id: $n) { status } }',
          { id: victim.id, n: notificationId },
          admin,
        ),
      );
      expect(data.user.preferences.email).toBe(true);
      expect(data.user.devices.map((device) => device.id)).toContain(deviceId);
      expect(data.notification.status).toBe('SCHEDULED');
    });
  });

  it("refuses subscriptions to the victim's stream and never delivers the victim's events", async () => {
    await tally.attempt('intruder subscribes by the victim’s user id', async () => {
      const stream = subscribe(
        intruder.token,
        'subscription ($id: ID) { notificationStatusChanged(userId: $id) { status } }',
        {
          id: victim.id,
        },
      );
      const error = await waitFor(() => stream.errors[0], { description: 'the refusal' });
      stream.dispose();
      expect(JSON.stringify(error)).toContain('FORBIDDEN');
    });
    await tally.attempt('intruder subscribes by the victim’s notification id', async () => {
      const stream = subscribe(
        intruder.token,
        'subscription ($id: ID) { notificationStatusChanged(notificationId: $id) { status notification { variables } } }',
        { id: notificationId },
      );
      const error = await waitFor(() => stream.errors[0], { description: 'the refusal' });
      stream.dispose();
      expect(JSON.stringify(error)).toMatch(/NOT_FOUND|FORBIDDEN/);
      expect(JSON.stringify(stream.events)).not.toContain(marker);
    });
    await tally.attempt('intruder’s unfiltered stream carries only its own events', async () => {
      const stream = subscribe(
        intruder.token,
        'subscription { notificationStatusChanged { notificationId notification { user { id } } } }',
      );
      try {
        // The victim's notification changes (cancelled by the admin); then one of the intruder's own proves the stream is live.
        await waitFor(async () => stream.ready, { description: 'the subscription to start' });
        dataFrom(
          await graphql('mutation ($id: ID!) { cancelNotification(id: $id) { status } }', {
            id: notificationId,
          }),
        );
        sentId(await sendEmail(intruder.id, templateCode, { variables: { name: 'intruder' } }));
        await waitFor(() => stream.events.length > 0 || stream.errors.length > 0, {
          timeoutMs: 20_000,
          description: "an event of the intruder's own",
        });
        expect(stream.errors).toEqual([]);
        expect(JSON.stringify(stream.events)).not.toContain(notificationId);
        expect(JSON.stringify(stream.events)).not.toContain(victim.id);
      } finally {
        stream.dispose();
      }
    });
  });
});
