import { UnauthenticatedError } from '@herald/errors';
import { composeApiKeySecret, hashApiKeySecret } from '../domain/api-key';
import { DEFAULT_PREFERENCES } from '../domain/preferences';
import type { UserProfile } from '../domain/user';
import { makeVerifyCredential, type VerifiedIdentity } from './verify-credential.use-case';

const USER_ID = '00000000-0000-4000-8000-000000000001';
const KEY_ID = '00000000-0000-4000-8000-0000000000aa';
const NOW = new Date('2025-06-01T12:00:00Z');
const AT = new Date('2025-01-01T00:00:00Z');
const PROFILE: UserProfile = {
  id: USER_ID,
  email: 'ada@example.com',
  name: 'Ada',
  locale: 'en',
  role: 'admin',
  createdAt: AT,
  updatedAt: AT,
  preferences: DEFAULT_PREFERENCES,
  devices: [],
  emailSuppressed: false,
};

function setUp(now = NOW) {
  const secret = composeApiKeySecret(KEY_ID);
  const store = new Map<string, VerifiedIdentity>();
  const touched: string[] = [];
  let lookups = 0;
  const verifyCredential = makeVerifyCredential({
    verifyToken: async (token) =>
      token === 'good-jwt' ? { userId: USER_ID, expiresAt: new Date('2025-06-01T12:00:20Z') } : undefined,
    apiKeys: {
      findActiveCredential: async (id) => {
        lookups += 1;
        return id === KEY_ID
          ? { id, secretHash: hashApiKeySecret(secret), scopes: ['notifications:send'] }
          : undefined;
      },
      touchLastUsed: async (id) => {
        touched.push(id);
      },
    },
    profiles: { findProfiles: async (ids) => (ids.includes(USER_ID) ? [PROFILE] : []) },
    cache: {
      get: async (key) => store.get(key),
      set: async (key, value) => {
        store.set(key, value);
      },
    },
    now: () => now,
  });
  return { verifyCredential, secret, store, touched, lookups: () => lookups };
}

describe('verifyCredential', () => {
  it('turns a JWT into the user it names, with their current role', async () => {
    const { verifyCredential } = setUp();
    await expect(verifyCredential('good-jwt')).resolves.toEqual({
      kind: 'user',
      id: USER_ID,
      role: 'admin',
      scopes: [],
      expires_at: '2025-06-01T12:00:20.000Z',
    });
  });

  it('turns an API key into a service with its scopes, touching lastUsedAt on lookups only', async () => {
    const { verifyCredential, secret, touched, lookups } = setUp();
    const expected = {
      kind: 'service',
      id: KEY_ID,
      role: '',
      scopes: ['notifications:send'],
      expires_at: '',
    };
    await expect(verifyCredential(secret)).resolves.toEqual(expected);
    await expect(verifyCredential(secret)).resolves.toEqual(expected);
    expect(lookups()).toBe(1);
    expect(touched).toEqual([KEY_ID]);
  });

  it('keys the cache by the hash of the credential, never the credential itself', async () => {
    const { verifyCredential, secret, store } = setUp();
    await verifyCredential(secret);
    expect([...store.keys()]).toEqual([hashApiKeySecret(secret)]);
  });

  it('does not serve a cached JWT identity past the token expiry', async () => {
    const { verifyCredential, store } = setUp(new Date('2025-06-01T12:00:30Z'));
    // Cached while valid; the token behind it expired at 12:00:20 and no longer verifies.
    store.set(hashApiKeySecret('expired-jwt'), {
      kind: 'user',
      id: USER_ID,
      role: 'user',
      scopes: [],
      expires_at: '2025-06-01T12:00:20.000Z',
    });
    await expect(verifyCredential('expired-jwt')).rejects.toBeInstanceOf(UnauthenticatedError);
  });

  it('refuses unknown keys, forged secrets and bad tokens', async () => {
    const { verifyCredential, secret } = setUp();
    for (const credential of [
      `${secret.slice(0, -2)}xx`,
      composeApiKeySecret(USER_ID),
      'hk_junk',
      'bad-jwt',
    ]) {
      await expect(verifyCredential(credential)).rejects.toBeInstanceOf(UnauthenticatedError);
    }
  });
});
