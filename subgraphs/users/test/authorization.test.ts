import { randomUUID } from 'node:crypto';
import type { Identity } from '@herald/identity';
import { badFieldsOf, errorOf, signUp, startUsers, type RunningUsers, type SignedUp } from './users-client';

const USER = `query($id: ID!) { user(id: $id) { id email } }`;
const USERS = `{ users(limit: 5) { meta { total } } }`;
const UPDATE_PREFERENCES = `
  mutation($userId: ID, $input: PreferencesInput!) { updatePreferences(userId: $userId, input: $input) { email push } }`;
const REGISTER_DEVICE = `
  mutation($userId: ID, $input: DeviceInput!) { registerDevice(userId: $userId, input: $input) { id kind } }`;
const REMOVE_DEVICE = `mutation($id: ID!) { removeDevice(id: $id) }`;
const PROFILE = `query($id: ID!) { user(id: $id) { preferences { email push } devices { id } } }`;

let users: RunningUsers;
let alice: SignedUp;
let bob: SignedUp;
let bobDevice: string;

beforeAll(async () => {
  users = await startUsers();
  alice = await signUp(users);
  bob = await signUp(users, { pushToken: `bob-token-${randomUUID()}` });
  const read = await users.graphql(PROFILE, { id: bob.id });
  bobDevice = (read.data?.user as { devices: { id: string }[] }).devices[0]?.id ?? '';
});

afterAll(async () => {
  await users?.stop();
});

const userAdminKey: Identity = { kind: 'service', id: randomUUID(), scopes: ['users:admin'] };
const senderKey: Identity = { kind: 'service', id: randomUUID(), scopes: ['notifications:send'] };

describe('who may read and change users', () => {
  it('lets a user read themselves but not another user, nor the user list', async () => {
    const self = await users.graphql(USER, { id: alice.id }, { identity: alice.identity });
    expect(self.data?.user).toEqual({ id: alice.id, email: alice.email });
    const other = await users.graphql(USER, { id: bob.id }, { identity: alice.identity });
    expect(errorOf(other)?.code).toBe('FORBIDDEN');
    expect(other.data?.user).toBeNull();
    const list = await users.graphql(USERS, {}, { identity: alice.identity });
    expect(errorOf(list)?.code).toBe('FORBIDDEN');
  });

  it('answers me with the caller', async () => {
    const me = await users.graphql(`{ me { id email role } }`, {}, { identity: bob.identity });
    expect(me.data?.me).toEqual({ id: bob.id, email: bob.email, role: 'USER' });
  });

  it('lets admins and users:admin keys read any user, and refuses keys without the scope', async () => {
    for (const identity of [undefined, userAdminKey, { ...alice.identity, role: 'admin' as const }]) {
      const read = await users.graphql(USER, { id: bob.id }, identity ? { identity } : {});
      expect(read.data?.user).toEqual({ id: bob.id, email: bob.email });
      const list = await users.graphql(USERS, {}, identity ? { identity } : {});
      expect(list.errors).toBeUndefined();
    }
    const refused = await users.graphql(USERS, {}, { identity: senderKey });
    expect(errorOf(refused)).toMatchObject({ code: 'FORBIDDEN', scope: 'users:admin' });
    const anonymous = await users.graphql(USERS, {}, { identity: null });
    expect(errorOf(anonymous)?.code).toBe('UNAUTHENTICATED');
  });

  it("refuses user A changing user B's preferences or devices, and changes nothing", async () => {
    const preferences = await users.graphql(
      UPDATE_PREFERENCES,
      { userId: bob.id, input: { email: false } },
      { identity: alice.identity },
    );
    expect(errorOf(preferences)?.code).toBe('FORBIDDEN');
    const device = await users.graphql(
      REGISTER_DEVICE,
      { userId: bob.id, input: { kind: 'FCM', token: 'planted-token' } },
      { identity: alice.identity },
    );
    expect(errorOf(device)?.code).toBe('FORBIDDEN');
    const removal = await users.graphql(REMOVE_DEVICE, { id: bobDevice }, { identity: alice.identity });
    expect(errorOf(removal)?.code).toBe('FORBIDDEN');

    const read = await users.graphql(PROFILE, { id: bob.id });
    expect(read.data?.user).toEqual({
      preferences: { email: true, push: true },
      devices: [{ id: bobDevice }],
    });
  });

  it('lets a user change their own preferences without naming themselves', async () => {
    const own = await users.graphql(
      UPDATE_PREFERENCES,
      { input: { push: false } },
      { identity: alice.identity },
    );
    expect(own.data?.updatePreferences).toEqual({ email: true, push: false });
    const named = await users.graphql(
      UPDATE_PREFERENCES,
      { userId: alice.id, input: { push: true } },
      { identity: alice.identity },
    );
    expect(named.data?.updatePreferences).toEqual({ email: true, push: true });
  });

  it('lets a users:admin key change another user, and asks a non-user caller to name the user', async () => {
    const changed = await users.graphql(
      UPDATE_PREFERENCES,
      { userId: bob.id, input: { email: false } },
      { identity: userAdminKey },
    );
    expect(changed.data?.updatePreferences).toEqual({ email: false, push: true });
    const unnamed = await users.graphql(
      UPDATE_PREFERENCES,
      { input: { email: true } },
      { identity: userAdminKey },
    );
    expect(errorOf(unnamed)?.code).toBe('BAD_USER_INPUT');
    expect(badFieldsOf(unnamed)).toEqual(['userId']);
    const sender = await users.graphql(
      UPDATE_PREFERENCES,
      { userId: bob.id, input: { email: true } },
      { identity: senderKey },
    );
    expect(errorOf(sender)?.code).toBe('FORBIDDEN');
  });

  it('lets only an admin create an admin, whose token then verifies with the admin role', async () => {
    const CREATE = `mutation($input: CreateUserInput!) { createUser(input: $input) { id role } }`;
    const input = (email: string) => ({
      name: 'Root',
      email,
      password: 'a long enough password',
      role: 'ADMIN',
    });
    for (const identity of [null, alice.identity, userAdminKey]) {
      const refused = await users.graphql(
        CREATE,
        { input: input(`root.${randomUUID()}@example.com`) },
        { identity },
      );
      expect(errorOf(refused)?.code).toBe('FORBIDDEN');
    }
    const email = `root.${randomUUID()}@example.com`;
    const created = await users.graphql(CREATE, { input: input(email) });
    const admin = created.data?.createUser as { id: string; role: string };
    expect(admin.role).toBe('ADMIN');
    const login = await users.graphql(
      `mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token } }`,
      { email, password: 'a long enough password' },
      { identity: null },
    );
    const { token } = login.data?.login as { token: string };
    await expect(users.grpcClient().VerifyCredential({ credential: token })).resolves.toMatchObject({
      kind: 'user',
      id: admin.id,
      role: 'admin',
    });
  });

  it('answers NOT_FOUND for a user that does not exist', async () => {
    const result = await users.graphql(UPDATE_PREFERENCES, { userId: randomUUID(), input: { email: true } });
    expect(errorOf(result)?.code).toBe('NOT_FOUND');
  });
});
