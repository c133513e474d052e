import { randomUUID } from 'node:crypto';
import {
  ADMIN_KEY,
  API_KEYS,
  graphql,
  request,
  startHarness,
  tokenFor,
  type Harness,
} from './harness/gateway-harness';

type Caller = 'anonymous' | 'userA' | 'userB' | 'keyWithoutScope' | 'admin';
const CALLERS: readonly Caller[] = ['anonymous', 'userA', 'userB', 'keyWithoutScope', 'admin'];

const USER_A = 'aaaaaaaa-0000-4000-8000-00000000000a';
const USER_B = 'bbbbbbbb-0000-4000-8000-00000000000b';

/** 'ok' or the error code a GraphQL caller gets; the HTTP status a REST caller gets. */
type Outcomes = Record<Caller, string | number>;

interface Case {
  readonly name: string;
  readonly run: (headers: Record<string, string>, caller: Caller) => Promise<string | number>;
  readonly expected: Outcomes;
}

/**
 * Every operation the stub subgraphs guard (with the real @herald/identity rules), as each of
 * five callers. The gateway's part is to establish and forward the identity faithfully.
 */
describe('the auth matrix', () => {
  let harness: Harness;
  let notificationOfA: string;
  const headersOf: Record<Caller, Record<string, string>> = {
    anonymous: {},
    userA: { authorization: `Bearer ${tokenFor(USER_A)}` },
    userB: { authorization: `Bearer ${tokenFor(USER_B)}` },
    keyWithoutScope: { 'x-api-key': API_KEYS.noScope },
    admin: { authorization: `Bearer ${ADMIN_KEY}` },
  };

  beforeAll(async () => {
    harness = await startHarness();
    harness.state.addUser({ id: USER_A, email: 'a@example.com', name: 'A', password: 'password-a' });
    harness.state.addUser({ id: USER_B, email: 'b@example.com', name: 'B', password: 'password-b' });
    notificationOfA = harness.state.addNotification({
      userId: USER_A,
      channel: 'PUSH',
      templateCode: 'alert',
    }).id;
  });

  afterAll(() => harness?.stop());

  const gql = async (
    headers: Record<string, string>,
    query: string,
    variables: Record<string, unknown> = {},
  ) => {
    const response = await graphql(harness.url, { query, variables }, headers);
    const code = response.body.errors?.[0]?.extensions?.code;
    return typeof code === 'string' ? code : 'ok';
  };
  const rest = async (path: string, headers: Record<string, string>, body?: unknown) =>
    (await request(`${harness.url}/api/v1${path}`, { headers, body })).status;
  const sendInput = () => ({
    channel: 'EMAIL',
    userId: USER_A,
    templateCode: 'welcome',
    requestId: randomUUID(),
  });

  const guarded = (allowedToA: boolean): Outcomes => ({
    anonymous: 'UNAUTHENTICATED',
    userA: allowedToA ? 'ok' : 'FORBIDDEN',
    userB: 'FORBIDDEN',
    keyWithoutScope: 'FORBIDDEN',
    admin: 'ok',
  });

  const cases: Case[] = [
    {
      name: 'query me',
      run: (headers) => gql(headers, '{ me { id } }'),
      expected: {
        anonymous: 'UNAUTHENTICATED',
        userA: 'ok',
        userB: 'ok',
        keyWithoutScope: 'ok',
        admin: 'ok',
      },
    },
    {
      name: 'query user(A)',
      run: (headers) => gql(headers, `{ user(id: "${USER_A}") { id } }`),
      expected: guarded(true),
    },
    {
      name: 'query users',
      run: (headers) => gql(headers, '{ users { meta { total } } }'),
      expected: guarded(false),
    },
    {
      name: 'mutation createUser (public)',
      run: (headers) =>
        gql(headers, 'mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }', {
          input: { name: 'New', email: `${randomUUID()}@example.com`, password: 'long enough password' },
        }),
      expected: { anonymous: 'ok', userA: 'ok', userB: 'ok', keyWithoutScope: 'ok', admin: 'ok' },
    },
    {
      name: 'mutation createTemplate',
      run: (headers) =>
        gql(headers, 'mutation ($input: CreateTemplateInput!) { createTemplate(input: $input) { code } }', {
          input: { code: `t-${randomUUID()}`, channel: 'EMAIL', body: 'Hello' },
        }),
      expected: guarded(false),
    },
    {
      name: 'mutation sendNotification for A',
      run: (headers) =>
        gql(
          headers,
          'mutation ($input: SendNotificationInput!) { sendNotification(input: $input) { duplicate } }',
          {
            input: sendInput(),
          },
        ),
      expected: guarded(true),
    },
    {
      name: 'query notification of A',
      run: (headers) => gql(headers, `{ notification(id: "${notificationOfA}") { id } }`),
      expected: guarded(true),
    },
    {
      name: 'query notifications of A',
      run: (headers) => gql(headers, `{ notifications(filter: {userId: "${USER_A}"}) { meta { total } } }`),
      expected: guarded(true),
    },
    {
      name: 'REST POST /notifications/ for A',
      run: (headers) =>
        rest('/notifications/', headers, {
          notification_type: 'email',
          user_id: USER_A,
          template_code: 'welcome',
          variables: {},
          request_id: randomUUID(),
          priority: 1,
          metadata: {},
        }),
      expected: { anonymous: 401, userA: 202, userB: 403, keyWithoutScope: 403, admin: 202 },
    },
    {
      name: 'REST GET /notifications/:id/status of A',
      run: (headers) => rest(`/notifications/${notificationOfA}/status`, headers),
      expected: { anonymous: 401, userA: 200, userB: 403, keyWithoutScope: 403, admin: 200 },
    },
    {
      name: 'REST GET /notifications?user_id=A',
      run: (headers) => rest(`/notifications?user_id=${USER_A}`, headers),
      expected: { anonymous: 401, userA: 200, userB: 403, keyWithoutScope: 403, admin: 200 },
    },
    {
      name: 'REST POST /users/ (public)',
      run: (headers) =>
        rest('/users/', headers, {
          name: 'Rest',
          email: `${randomUUID()}@example.com`,
          preferences: { email: true, push: true },
          password: 'long enough password',
        }),
      expected: { anonymous: 201, userA: 201, userB: 201, keyWithoutScope: 201, admin: 201 },
    },
    {
      name: 'REST POST /auth/login (public)',
      run: (headers) => rest('/auth/login', headers, { email: 'b@example.com', password: 'password-b' }),
      expected: { anonymous: 200, userA: 200, userB: 200, keyWithoutScope: 200, admin: 200 },
    },
    {
      name: 'REST POST /push/status/ (notifications:status)',
      run: (headers) =>
        rest('/push/status/', headers, { notification_id: notificationOfA, status: 'delivered' }),
      expected: { anonymous: 401, userA: 403, userB: 403, keyWithoutScope: 403, admin: 200 },
    },
  ];

  it.each(cases.map((entry) => [entry.name, entry] as const))('%s', async (_name, entry) => {
    const outcomes = {} as Outcomes;
    for (const caller of CALLERS) outcomes[caller] = await entry.run(headersOf[caller], caller);
    expect(outcomes).toEqual(entry.expected);
  });

  it('answers an invalid credential with 401 whatever the operation', async () => {
    const forged = { authorization: 'Bearer jwt-not-a-user' };
    expect(
      (await graphql(harness.url, { query: '{ template(code: "welcome") { code } }' }, forged)).status,
    ).toBe(401);
    expect(
      await rest('/users/', forged, { name: 'x', email: 'x@example.com', password: 'long enough password' }),
    ).toBe(401);
  });
});
