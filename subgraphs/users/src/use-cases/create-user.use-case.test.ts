import { ConflictError } from '@herald/errors';
import { DEFAULT_PREFERENCES } from '../domain/preferences';
import type { NewUser, UserProfile } from '../domain/user';
import type { InsertUserResult } from './ports';
import { makeCreateUser } from './create-user.use-case';

function fakeUsers(result: (newUser: NewUser) => InsertUserResult) {
  const inserted: NewUser[] = [];
  return {
    inserted,
    insertUser: async (newUser: NewUser) => {
      inserted.push(newUser);
      return result(newUser);
    },
  };
}

const created = (newUser: NewUser): InsertUserResult => {
  const at = new Date('2025-01-01T00:00:00Z');
  const profile: UserProfile = {
    id: '00000000-0000-4000-8000-000000000001',
    email: newUser.email,
    name: newUser.name,
    locale: newUser.locale,
    role: 'user',
    createdAt: at,
    updatedAt: at,
    preferences: newUser.preferences,
    devices: [],
    emailSuppressed: false,
  };
  return { kind: 'created', profile };
};

const hashPassword = async (password: string) => `hashed:${password}`;

describe('createUser', () => {
  it('stores a normalised email, the password hash only, and default preferences', async () => {
    const users = fakeUsers(created);
    const createUser = makeCreateUser({ users, hashPassword });
    const profile = await createUser({
      name: 'Ada',
      email: ' Ada@Example.COM',
      password: 'pa55word!',
      locale: 'en',
      role: 'user',
    });
    expect(profile.email).toBe('ada@example.com');
    expect(users.inserted).toEqual([
      {
        role: 'user',
        email: 'ada@example.com',
        name: 'Ada',
        locale: 'en',
        passwordHash: 'hashed:pa55word!',
        preferences: DEFAULT_PREFERENCES,
        devices: [],
      },
    ]);
  });

  it('registers the push token as an FCM device and applies the given preferences', async () => {
    const users = fakeUsers(created);
    const createUser = makeCreateUser({ users, hashPassword });
    await createUser({
      name: 'Ada',
      email: 'ada@example.com',
      password: 'pa55word!',
      locale: 'pt-BR',
      role: 'admin',
      pushToken: 'fcm-token-1',
      preferences: { email: false, optedOutCategories: ['marketing'] },
    });
    expect(users.inserted[0]).toMatchObject({
      role: 'admin',
      locale: 'pt-BR',
      devices: [{ kind: 'FCM', token: 'fcm-token-1' }],
      preferences: { email: false, push: true, optedOutCategories: ['marketing'], quietHours: null },
    });
  });

  it('refuses an email that is already taken with a CONFLICT', async () => {
    const createUser = makeCreateUser({ users: fakeUsers(() => ({ kind: 'email-taken' })), hashPassword });
    const attempt = createUser({
      name: 'Ada',
      email: 'ada@example.com',
      password: 'pa55word!',
      locale: 'en',
      role: 'user',
    });
    await expect(attempt).rejects.toBeInstanceOf(ConflictError);
    await expect(attempt).rejects.toMatchObject({ code: 'CONFLICT', details: { field: 'email' } });
  });
});
