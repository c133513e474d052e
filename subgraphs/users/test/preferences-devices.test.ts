import { randomBytes, randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { waitFor } from '@herald/testkit';
import { badFieldsOf, errorOf, signUp, startUsers, type RunningUsers, type SignedUp } from './users-client';

const UPDATE_PREFERENCES = `
  mutation($input: PreferencesInput!) {
    updatePreferences(input: $input) { email push optedOutCategories quietHours { start end timezone } }
  }`;
const REGISTER_DEVICE = `
  mutation($input: DeviceInput!) { registerDevice(input: $input) { id kind valid invalidReason lastSeenAt } }`;
const REMOVE_DEVICE = `mutation($id: ID!) { removeDevice(id: $id) }`;
const DEVICES = `{ me { devices { id kind valid invalidReason lastSeenAt } } }`;

interface DeviceObject {
  id: string;
  kind: string;
  valid: boolean;
  invalidReason: string | null;
  lastSeenAt: string;
}

let users: RunningUsers;

beforeAll(async () => {
  users = await startUsers();
});

afterAll(async () => {
  await users?.stop();
});

function webPushSubscription(endpoint = `https://fcm.googleapis.com/fcm/send/${randomUUID()}`) {
  return {
    kind: 'WEB_PUSH',
    endpoint,
    p256dh: Buffer.concat([Buffer.from([4]), randomBytes(64)]).toString('base64url'),
    auth: randomBytes(16).toString('base64url'),
  };
}

async function devicesOf(user: SignedUp): Promise<DeviceObject[]> {
  const result = await users.graphql(DEVICES, {}, { identity: user.identity });
  return (result.data?.me as { devices: DeviceObject[] }).devices;
}

describe('preferences', () => {
  it('start with every channel on and change only the fields given', async () => {
    const user = await signUp(users);
    const update = (input: Record<string, unknown>) =>
      users.graphql(UPDATE_PREFERENCES, { input }, { identity: user.identity });

    expect((await update({})).data?.updatePreferences).toEqual({
      email: true,
      push: true,
      optedOutCategories: [],
      quietHours: null,
    });
    await update({ push: false, optedOutCategories: ['marketing', 'digest', 'marketing'] });
    const withQuietHours = await update({
      quietHours: { start: '22:30', end: '07:00', timezone: 'america/new_york' },
    });
    expect(withQuietHours.data?.updatePreferences).toEqual({
      email: true,
      push: false,
      optedOutCategories: ['marketing', 'digest'],
      quietHours: { start: '22:30', end: '07:00', timezone: 'America/New_York' },
    });
    const cleared = await update({ quietHours: null, optedOutCategories: [] });
    expect(cleared.data?.updatePreferences).toEqual({
      email: true,
      push: false,
      optedOutCategories: [],
      quietHours: null,
    });
  });

  it('names every invalid field and changes nothing', async () => {
    const user = await signUp(users);
    const result = await users.graphql(
      UPDATE_PREFERENCES,
      {
        input: {
          email: false,
          optedOutCategories: ['ok', ' '],
          quietHours: { start: '7:00', end: '24:00', timezone: 'Europe/Atlantis' },
        },
      },
      { identity: user.identity },
    );
    expect(errorOf(result)?.code).toBe('BAD_USER_INPUT');
    expect(badFieldsOf(result)).toEqual([
      'input.optedOutCategories.1',
      'input.quietHours.end',
      'input.quietHours.start',
      'input.quietHours.timezone',
    ]);
    const unchanged = await users.graphql(UPDATE_PREFERENCES, { input: {} }, { identity: user.identity });
    expect(unchanged.data?.updatePreferences).toMatchObject({ email: true });
  });
});

describe('devices', () => {
  it('registers an FCM token once and refreshes lastSeenAt when it is registered again', async () => {
    const user = await signUp(users);
    const token = `fcm-${randomUUID()}`;
    const first = await users.graphql(
      REGISTER_DEVICE,
      { input: { kind: 'FCM', token } },
      { identity: user.identity },
    );
    const device = first.data?.registerDevice as DeviceObject;
    expect(device).toMatchObject({ kind: 'FCM', valid: true, invalidReason: null });
    const again = await users.graphql(
      REGISTER_DEVICE,
      { input: { kind: 'FCM', token } },
      { identity: user.identity },
    );
    const refreshed = again.data?.registerDevice as DeviceObject;
    expect(refreshed.id).toBe(device.id);
    expect(new Date(refreshed.lastSeenAt).getTime()).toBeGreaterThan(new Date(device.lastSeenAt).getTime());
    expect(await devicesOf(user)).toHaveLength(1);
  });

  it('registers a Web Push subscription, refreshes it with new keys, and removes it', async () => {
    const user = await signUp(users);
    const subscription = webPushSubscription();
    const registered = await users.graphql(
      REGISTER_DEVICE,
      { input: subscription },
      { identity: user.identity },
    );
    const device = registered.data?.registerDevice as DeviceObject;
    expect(device).toMatchObject({ kind: 'WEB_PUSH', valid: true });
    const rotated = { ...webPushSubscription(subscription.endpoint) };
    const again = await users.graphql(REGISTER_DEVICE, { input: rotated }, { identity: user.identity });
    expect((again.data?.registerDevice as DeviceObject).id).toBe(device.id);
    const [grpcDevice] = (await users.grpcClient().GetUser({ id: user.id })).devices;
    expect(grpcDevice).toMatchObject({
      endpoint: subscription.endpoint,
      p256dh: rotated.p256dh,
      auth: rotated.auth,
    });
    const removed = await users.graphql(REMOVE_DEVICE, { id: device.id }, { identity: user.identity });
    expect(removed.data?.removeDevice).toBe(true);
    expect(await devicesOf(user)).toEqual([]);
    const missing = await users.graphql(REMOVE_DEVICE, { id: device.id }, { identity: user.identity });
    expect(errorOf(missing)?.code).toBe('NOT_FOUND');
  });

  it.each([
    'https://192.168.1.20/push',
    'https://127.0.0.1/push',
    'https://[::1]/push',
    'https://169.254.169.254/latest',
    'https://localhost/push',
    'http://push.example.com/push',
  ])('refuses the Web Push endpoint %s', async (endpoint) => {
    const user = await signUp(users);
    const result = await users.graphql(
      REGISTER_DEVICE,
      { input: webPushSubscription(endpoint) },
      { identity: user.identity },
    );
    expect(errorOf(result)?.code).toBe('BAD_USER_INPUT');
    expect(badFieldsOf(result)).toEqual(['input.endpoint']);
    expect(await devicesOf(user)).toEqual([]);
  });

  it('names malformed keys, tokens and fields that do not belong to the kind', async () => {
    const user = await signUp(users);
    const badKeys = await users.graphql(
      REGISTER_DEVICE,
      {
        input: {
          ...webPushSubscription(),
          p256dh: 'not base64url!',
          auth: randomBytes(8).toString('base64url'),
        },
      },
      { identity: user.identity },
    );
    expect(badFieldsOf(badKeys)).toEqual(['input.auth', 'input.p256dh']);
    const mixed = await users.graphql(
      REGISTER_DEVICE,
      { input: { kind: 'FCM', token: 'has spaces in it', endpoint: 'https://fcm.googleapis.com/x' } },
      { identity: user.identity },
    );
    expect(badFieldsOf(mixed)).toEqual(['input.endpoint', 'input.token']);
    const missing = await users.graphql(
      REGISTER_DEVICE,
      { input: { kind: 'WEB_PUSH' } },
      { identity: user.identity },
    );
    expect(badFieldsOf(missing)).toEqual(['input.auth', 'input.endpoint', 'input.p256dh']);
  });

  it('moves a token to the user who registers it last', async () => {
    const [first, second] = [await signUp(users), await signUp(users)];
    const token = `shared-${randomUUID()}`;
    await users.graphql(REGISTER_DEVICE, { input: { kind: 'FCM', token } }, { identity: first.identity });
    await users.graphql(REGISTER_DEVICE, { input: { kind: 'FCM', token } }, { identity: second.identity });
    expect(await devicesOf(first)).toEqual([]);
    expect(await devicesOf(second)).toHaveLength(1);
  });

  it('records the provider reason when a token is invalidated, and revalidates it on registration', async () => {
    const token = `fcm-${randomUUID()}`;
    const user = await signUp(users, { pushToken: token });
    const client = users.grpcClient();
    await expect(
      client.InvalidatePushToken({ user_id: user.id, token, reason: 'UNREGISTERED' }),
    ).resolves.toEqual({ invalidated: true });
    expect(await devicesOf(user)).toEqual([
      expect.objectContaining({ valid: false, invalidReason: 'UNREGISTERED' }),
    ]);
    expect((await client.GetUser({ id: user.id })).devices).toEqual([]);

    await users.graphql(REGISTER_DEVICE, { input: { kind: 'FCM', token } }, { identity: user.identity });
    expect(await devicesOf(user)).toEqual([expect.objectContaining({ valid: true, invalidReason: null })]);
    expect((await client.GetUser({ id: user.id })).devices).toEqual([expect.objectContaining({ token })]);
  });
});

describe('the user cache behind GetUser', () => {
  it('serves repeated reads from Redis and drops the entry on every change', async () => {
    const user = await signUp(users);
    const client = users.grpcClient();
    const redis = new Redis(users.env.redisUrl, {
      keyPrefix: users.env.redisPrefix,
      maxRetriesPerRequest: 1,
    });
    const cached = async () => (await redis.exists(`cache:user:${user.id}`)) === 1;
    try {
      await client.GetUser({ id: user.id });
      expect(await cached()).toBe(true);
      await client.GetUsers({ ids: [user.id] });

      await users.graphql(UPDATE_PREFERENCES, { input: { email: false } }, { identity: user.identity });
      expect(await cached()).toBe(false);
      expect((await client.GetUser({ id: user.id })).preferences?.email).toBe(false);
      expect((await client.GetUsers({ ids: [user.id] })).users[0]?.preferences?.email).toBe(false);

      const token = `fcm-${randomUUID()}`;
      await users.graphql(REGISTER_DEVICE, { input: { kind: 'FCM', token } }, { identity: user.identity });
      expect((await client.GetUser({ id: user.id })).devices).toEqual([expect.objectContaining({ token })]);

      await client.InvalidatePushToken({ user_id: user.id, token, reason: 'NotRegistered' });
      expect((await client.GetUser({ id: user.id })).devices).toEqual([]);
    } finally {
      redis.disconnect();
    }
    const metrics = await (await fetch(`http://127.0.0.1:${users.ports.http}/metrics`)).text();
    expect(metrics).toMatch(/herald_cache_requests_total\{[^}]*cache="user"[^}]*result="hit"[^}]*\} [1-9]/);
    expect(metrics).toMatch(/herald_cache_requests_total\{[^}]*cache="user"[^}]*result="miss"[^}]*\} [1-9]/);
  });
});

describe('user change announcements', () => {
  it('publishes the user id on users:changed for every change that drops the cached profile', async () => {
    const user = await signUp(users);
    const subscriber = new Redis(users.env.redisUrl, { maxRetriesPerRequest: 1 });
    const announced: unknown[] = [];
    subscriber.on('message', (_channel: string, raw: string) => announced.push(JSON.parse(raw)));
    try {
      await subscriber.subscribe(`${users.env.redisPrefix}users:changed`);
      await users.graphql(UPDATE_PREFERENCES, { input: { email: false } }, { identity: user.identity });
      await waitFor(() => announced.length === 1, { description: 'the preferences change' });

      const token = `fcm-${randomUUID()}`;
      const registered = await users.graphql(
        REGISTER_DEVICE,
        { input: { kind: 'FCM', token } },
        { identity: user.identity },
      );
      await waitFor(() => announced.length === 2, { description: 'the registered device' });
      await users.grpcClient().InvalidatePushToken({ user_id: user.id, token, reason: 'NotRegistered' });
      await waitFor(() => announced.length === 3, { description: 'the invalidated token' });
      const deviceId = (registered.data?.registerDevice as { id: string }).id;
      await users.graphql(REMOVE_DEVICE, { id: deviceId }, { identity: user.identity });
      await waitFor(() => announced.length === 4, { description: 'the removed device' });

      expect(announced).toEqual(Array.from({ length: 4 }, () => ({ id: user.id })));
    } finally {
      subscriber.disconnect();
    }
  });
});
