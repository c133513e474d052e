import { UnauthenticatedError } from '@herald/errors';
import { DEFAULT_PREFERENCES } from '../domain/preferences';
import type { UserProfile } from '../domain/user';
import { makeLogin } from './login.use-case';

const ID = '00000000-0000-4000-8000-000000000001';
const AT = new Date('2025-01-01T00:00:00Z');
const PROFILE: UserProfile = {
  id: ID,
  email: 'ada@example.com',
  name: 'Ada',
  locale: 'en',
  role: 'user',
  createdAt: AT,
  updatedAt: AT,
  preferences: DEFAULT_PREFERENCES,
  devices: [],
  emailSuppressed: false,
};

/** Records every hash it is asked to check; "hash:<password>" is the only matching hash of a password. */
function countingHasher() {
  const checked: string[] = [];
  return {
    checked,
    verifyPassword: async (password: string, hash: string) => {
      checked.push(hash);
      return hash === `hash:${password}`;
    },
  };
}

function setUp() {
  const hasher = countingHasher();
  const login = makeLogin({
    users: {
      findCredentials: async (email) =>
        email === 'ada@example.com'
          ? { id: ID, role: 'user', passwordHash: 'hash:right-password' }
          : undefined,
      findProfiles: async (ids) => (ids.includes(ID) ? [PROFILE] : []),
    },
    verifyPassword: hasher.verifyPassword,
    dummyHash: 'dummy-hash',
    issueToken: async (userId) => ({
      token: `token-for-${userId}`,
      expiresAt: new Date('2025-01-01T01:00:00Z'),
    }),
  });
  return { login, hasher };
}

describe('login', () => {
  it('issues a token for the right password, with a normalised email', async () => {
    const { login } = setUp();
    await expect(login({ email: ' ADA@example.com', password: 'right-password' })).resolves.toEqual({
      token: `token-for-${ID}`,
      expiresAt: new Date('2025-01-01T01:00:00Z'),
      user: PROFILE,
    });
  });

  it('answers a wrong password and an unknown email with the same error', async () => {
    const { login } = setUp();
    const wrongPassword = login({ email: 'ada@example.com', password: 'wrong-password' });
    const unknownEmail = login({ email: 'nobody@example.com', password: 'right-password' });
    await expect(wrongPassword).rejects.toBeInstanceOf(UnauthenticatedError);
    await expect(unknownEmail).rejects.toBeInstanceOf(UnauthenticatedError);
    const [first, second] = await Promise.allSettled([wrongPassword, unknownEmail]);
    expect((first as PromiseRejectedResult).reason.message).toBe(
      (second as PromiseRejectedResult).reason.message,
    );
  });

  it('hashes exactly once whether or not the email exists, so both take the same time', async () => {
    const known = setUp();
    await expect(known.login({ email: 'ada@example.com', password: 'wrong-password' })).rejects.toThrow();
    const unknown = setUp();
    await expect(
      unknown.login({ email: 'nobody@example.com', password: 'wrong-password' }),
    ).rejects.toThrow();
    expect(known.hasher.checked).toEqual(['hash:right-password']);
    expect(unknown.hasher.checked).toEqual(['dummy-hash']);
  });
});
