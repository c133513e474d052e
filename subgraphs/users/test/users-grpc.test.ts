import { randomUUID } from 'node:crypto';
import { NotFoundError, UnauthenticatedError } from '@herald/errors';
import { startUsers, type RunningUsers } from './users-client';

const CREATE_USER = `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`;

let users: RunningUsers;

beforeAll(async () => {
  users = await startUsers();
});

afterAll(async () => {
  await users?.stop();
});

async function createUser(input: Record<string, unknown>): Promise<string> {
  const result = await users.graphql(CREATE_USER, {
    input: { name: 'Ada', password: 'analytical-engine', email: `ada.${randomUUID()}@example.com`, ...input },
  });
  if (!result.data?.createUser) throw new Error(`createUser failed: ${JSON.stringify(result.errors)}`);
  return (result.data.createUser as { id: string }).id;
}

describe('UserService over gRPC', () => {
  it('returns contact, preferences and devices, with empty quiet hours when the user has none', async () => {
    const email = `grace.${randomUUID()}@example.com`;
    const id = await createUser({
      email,
      name: 'Grace',
      locale: 'en-GB',
      pushToken: 'fcm-token-g',
      preferences: { optedOutCategories: ['digest'] },
    });
    const user = await users.grpcClient().GetUser({ id });
    expect(user).toEqual({
      id,
      email,
      name: 'Grace',
      locale: 'en-GB',
      preferences: {
        email: true,
        push: true,
        opted_out_categories: ['digest'],
        quiet_hours: { start: '', end: '', timezone: '' },
      },
      devices: [
        {
          id: expect.any(String),
          kind: 'FCM',
          token: 'fcm-token-g',
          endpoint: '',
          p256dh: '',
          auth: '',
          valid: true,
        },
      ],
      email_suppressed: false,
    });
  });

  it('carries quiet hours when the user has them', async () => {
    const id = await createUser({
      preferences: { quietHours: { start: '21:30', end: '06:45', timezone: 'America/Sao_Paulo' } },
    });
    const user = await users.grpcClient().GetUser({ id });
    expect(user.preferences?.quiet_hours).toEqual({
      start: '21:30',
      end: '06:45',
      timezone: 'America/Sao_Paulo',
    });
  });

  it('answers NOT_FOUND for an unknown or malformed id', async () => {
    const client = users.grpcClient();
    await expect(client.GetUser({ id: randomUUID() })).rejects.toBeInstanceOf(NotFoundError);
    await expect(client.GetUser({ id: 'not-a-uuid' })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('returns the users that exist, in the order asked', async () => {
    const first = await createUser({});
    const second = await createUser({});
    const { users: found } = await users
      .grpcClient()
      .GetUsers({ ids: [second, randomUUID(), first, 'junk', second] });
    expect(found.map((user) => user.id)).toEqual([second, first]);
  });

  it('marks a rejected push token invalid once, and GetUser stops returning it', async () => {
    const id = await createUser({ pushToken: 'fcm-token-stale' });
    const client = users.grpcClient();
    await expect(
      client.InvalidatePushToken({ user_id: id, token: 'fcm-token-stale', reason: 'UNREGISTERED' }),
    ).resolves.toEqual({ invalidated: true });
    await expect(
      client.InvalidatePushToken({ user_id: id, token: 'fcm-token-stale', reason: 'UNREGISTERED' }),
    ).resolves.toEqual({ invalidated: false });
    await expect(
      client.InvalidatePushToken({ user_id: randomUUID(), token: 'fcm-token-stale' }),
    ).resolves.toEqual({ invalidated: false });
    const user = await client.GetUser({ id });
    expect(user.devices).toEqual([]);
  });

  it('refuses a call without the right internal token as UNAUTHENTICATED', async () => {
    const id = await createUser({});
    await expect(users.grpcClient('guessed-internal-token').GetUser({ id })).rejects.toBeInstanceOf(
      UnauthenticatedError,
    );
  });
});
