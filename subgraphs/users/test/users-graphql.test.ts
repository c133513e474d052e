import { randomUUID } from 'node:crypto';
import { startUsers, type RunningUsers } from './users-client';

const CREATE_USER = `
  mutation CreateUser($input: CreateUserInput!) {
    createUser(input: $input) {
      id email name locale createdAt
      preferences { email push optedOutCategories quietHours { start end timezone } }
      devices { id kind valid lastSeenAt }
    }
  }`;

const USER = `
  query User($id: ID!) {
    user(id: $id) { id email name locale preferences { email push optedOutCategories } devices { kind valid } }
  }`;

let users: RunningUsers;

beforeAll(async () => {
  users = await startUsers();
});

afterAll(async () => {
  await users?.stop();
});

function uniqueEmail(): string {
  return `ada.${randomUUID()}@example.com`;
}

describe('users subgraph over GraphQL', () => {
  it('creates a user with a normalised email, default preferences and an FCM device, and reads it back', async () => {
    const email = uniqueEmail();
    const created = await users.graphql(CREATE_USER, {
      input: {
        name: '  Ada Lovelace ',
        email: `  ${email.toUpperCase()} `,
        password: 'analytical-engine',
        locale: 'pt-br',
        pushToken: 'fcm-token-1',
      },
    });
    expect(created.errors).toBeUndefined();
    const user = created.data?.createUser as Record<string, unknown>;
    expect(user).toMatchObject({
      email,
      name: 'Ada Lovelace',
      locale: 'pt-BR',
      preferences: { email: true, push: true, optedOutCategories: [], quietHours: null },
      devices: [{ kind: 'FCM', valid: true }],
    });
    expect(new Date(user.createdAt as string).getTime()).toBeGreaterThan(Date.now() - 60_000);

    const read = await users.graphql(USER, { id: user.id });
    expect(read.data?.user).toEqual({
      id: user.id,
      email,
      name: 'Ada Lovelace',
      locale: 'pt-BR',
      preferences: { email: true, push: true, optedOutCategories: [] },
      devices: [{ kind: 'FCM', valid: true }],
    });
  });

  it('stores the preferences given at sign-up', async () => {
    const created = await users.graphql(CREATE_USER, {
      input: {
        name: 'Grace',
        email: uniqueEmail(),
        password: 'compilers-rule',
        preferences: {
          push: false,
          optedOutCategories: ['marketing'],
          quietHours: { start: '22:00', end: '07:00', timezone: 'europe/lisbon' },
        },
      },
    });
    expect(created.data?.createUser).toMatchObject({
      locale: 'en',
      preferences: {
        email: true,
        push: false,
        optedOutCategories: ['marketing'],
        quietHours: { start: '22:00', end: '07:00', timezone: 'Europe/Lisbon' },
      },
      devices: [],
    });
  });

  it('refuses a second account for the same email, whatever its case, with CONFLICT', async () => {
    const email = uniqueEmail();
    const first = await users.graphql(CREATE_USER, {
      input: { name: 'Ada', email, password: 'analytical-engine' },
    });
    expect(first.errors).toBeUndefined();
    const second = await users.graphql(CREATE_USER, {
      input: { name: 'Ada', email: email.toUpperCase(), password: 'another-password' },
    });
    expect(second.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'email' });
    expect(second.data).toBeNull();
  });

  it('lists every bad field of an invalid input as BAD_USER_INPUT', async () => {
    const result = await users.graphql(CREATE_USER, {
      input: {
        name: ' ',
        email: 'not-an-email',
        password: 'short',
        locale: 'english',
        preferences: { quietHours: { start: '25:00', end: '07:00', timezone: 'Mars/Base' } },
      },
    });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const fields = (result.errors?.[0]?.extensions?.issues as { field: string }[])
      .map((issue) => issue.field)
      .sort();
    expect(fields).toEqual([
      'email',
      'locale',
      'name',
      'password',
      'preferences.quietHours.start',
      'preferences.quietHours.timezone',
    ]);
  });

  it('lets anyone sign up, but refuses other mutations without an identity as UNAUTHENTICATED', async () => {
    const signUp = await users.graphql(
      CREATE_USER,
      { input: { name: 'Ada', email: uniqueEmail(), password: 'analytical-engine' } },
      { identity: null },
    );
    expect(signUp.errors).toBeUndefined();
    const result = await users.graphql(
      `mutation { updatePreferences(input: { email: false }) { email } }`,
      {},
      { identity: null },
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a call without the internal token with 401', async () => {
    const result = await users.graphql(USER, { id: randomUUID() }, { internalToken: null });
    expect(result.status).toBe(401);
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const wrong = await users.graphql(
      USER,
      { id: randomUUID() },
      { internalToken: 'not-the-internal-token' },
    );
    expect(wrong.status).toBe(401);
  });

  it('answers NOT_FOUND for an unknown or malformed user id', async () => {
    for (const id of [randomUUID(), 'not-a-uuid', "1' OR '1'='1"]) {
      const result = await users.graphql(USER, { id });
      expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect(result.data?.user).toBeNull();
    }
  });

  it('pages through users with page metadata and refuses a limit over 100', async () => {
    for (let i = 0; i < 3; i += 1) {
      await users.graphql(CREATE_USER, {
        input: { name: `Paged ${i}`, email: uniqueEmail(), password: 'paged-password' },
      });
    }
    const PAGE = `query Users($page: Int, $limit: Int) { users(page: $page, limit: $limit) { items { id } meta { total limit page totalPages hasNext hasPrevious } } }`;
    const first = await users.graphql(PAGE, { page: 1, limit: 2 });
    const meta = (first.data?.users as { meta: { total: number } }).meta;
    expect(meta.total).toBeGreaterThanOrEqual(3);
    expect(first.data?.users).toMatchObject({
      items: [{ id: expect.any(String) }, { id: expect.any(String) }],
      meta: { limit: 2, page: 1, totalPages: Math.ceil(meta.total / 2), hasNext: true, hasPrevious: false },
    });
    const last = await users.graphql(PAGE, { page: Math.ceil(meta.total / 2), limit: 2 });
    expect(last.data?.users).toMatchObject({ meta: { hasNext: false, hasPrevious: true } });

    const tooMany = await users.graphql(PAGE, { limit: 101 });
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      issues: [{ field: 'limit' }],
    });
  });

  it('answers me with the calling user, and null for an admin', async () => {
    const created = await users.graphql(CREATE_USER, {
      input: { name: 'Me', email: uniqueEmail(), password: 'its-me-mario' },
    });
    const id = (created.data?.createUser as { id: string }).id;
    const ME = `{ me { id name } }`;
    const asUser = await users.graphql(ME, {}, { identity: { kind: 'user', id, role: 'user', scopes: [] } });
    expect(asUser.data?.me).toEqual({ id, name: 'Me' });
    const asAdmin = await users.graphql(ME);
    expect(asAdmin.data?.me).toBeNull();
  });

  it('resolves User references for the gateway, null for a missing user', async () => {
    const email = uniqueEmail();
    const created = await users.graphql(CREATE_USER, {
      input: { name: 'Ref', email, password: 'referenced-user' },
    });
    const id = (created.data?.createUser as { id: string }).id;
    const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on User { id email preferences { email } } } }`;
    const result = await users.graphql(ENTITIES, {
      r: [
        { __typename: 'User', id },
        { __typename: 'User', id: randomUUID() },
      ],
    });
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toEqual([{ id, email, preferences: { email: true } }, null]);
  });

  it('reports the database in /ready and serves /metrics', async () => {
    const ready = await fetch(`http://127.0.0.1:${users.ports.http}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', service: 'users', checks: { database: 'ok' } });
    const metrics = await fetch(`http://127.0.0.1:${users.ports.http}/metrics`);
    expect(await metrics.text()).toContain('service="users"');
  });
});
