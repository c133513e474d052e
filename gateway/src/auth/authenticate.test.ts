import { UnauthenticatedError, UnavailableError } from '@herald/errors';
import type { Identity } from '@herald/identity';
import { ADMIN_IDENTITY, createAuthenticator, type VerifyCredential } from './authenticate';

const USER: Identity = { kind: 'user', id: 'u-1', role: 'user', scopes: [] };

function setup(verify: VerifyCredential = async () => ({ identity: USER, expiresAt: undefined })) {
  let now = 1_000_000;
  const calls: string[] = [];
  const authenticate = createAuthenticator({
    adminApiKey: 'the-admin-key-for-tests',
    cacheTtlMs: 10_000,
    now: () => now,
    verify: async (credential) => {
      calls.push(credential);
      return verify(credential);
    },
  });
  return { authenticate, calls, advance: (ms: number) => (now += ms), now: () => now };
}

describe('createAuthenticator', () => {
  it('lets a request without credentials through as anonymous', async () => {
    expect(await setup().authenticate({})).toEqual({ kind: 'anonymous' });
  });

  it('recognises the admin key locally, as a bearer token in any case or in X-API-Key', async () => {
    const { authenticate, calls } = setup();
    for (const headers of [
      { authorization: 'Bearer the-admin-key-for-tests' },
      { authorization: 'bearer the-admin-key-for-tests' },
      { 'x-api-key': 'the-admin-key-for-tests' },
    ]) {
      expect(await authenticate(headers)).toEqual({ kind: 'authenticated', identity: ADMIN_IDENTITY });
    }
    expect(calls).toEqual([]);
  });

  it('resolves any other credential through users and caches the answer briefly', async () => {
    const { authenticate, calls, advance } = setup();
    expect(await authenticate({ authorization: 'Bearer a.jwt.token' })).toEqual({
      kind: 'authenticated',
      identity: USER,
    });
    await authenticate({ authorization: 'Bearer a.jwt.token' });
    expect(calls).toEqual(['a.jwt.token']);
    advance(10_000);
    await authenticate({ authorization: 'Bearer a.jwt.token' });
    expect(calls).toEqual(['a.jwt.token', 'a.jwt.token']);
  });

  it('never trusts a cached credential past its own expiry', async () => {
    let expiresAt = new Date(0);
    const { authenticate, calls, advance, now } = setup(async () => ({ identity: USER, expiresAt }));
    expiresAt = new Date(now() + 2_000);
    await authenticate({ 'x-api-key': 'short-lived' });
    advance(2_000);
    await authenticate({ 'x-api-key': 'short-lived' });
    expect(calls).toHaveLength(2);
  });

  it('asks users once for concurrent requests with one new credential', async () => {
    const { authenticate, calls } = setup();
    const requests = [1, 2, 3].map(() => authenticate({ authorization: 'Bearer a.jwt.token' }));
    for (const result of await Promise.all(requests)) {
      expect(result).toEqual({ kind: 'authenticated', identity: USER });
    }
    expect(calls).toEqual(['a.jwt.token']);
  });

  it('asks users again after a failed verification', async () => {
    let down = true;
    const { authenticate, calls } = setup(async () => {
      if (down) throw new UnavailableError('users is down');
      return { identity: USER, expiresAt: undefined };
    });
    await expect(authenticate({ authorization: 'Bearer x' })).rejects.toBeInstanceOf(UnavailableError);
    down = false;
    expect(await authenticate({ authorization: 'Bearer x' })).toEqual({
      kind: 'authenticated',
      identity: USER,
    });
    expect(calls).toEqual(['x', 'x']);
  });

  it('rejects a credential users refuses, rather than treating the caller as anonymous', async () => {
    const { authenticate } = setup(async () => {
      throw new UnauthenticatedError('the token has expired');
    });
    expect(await authenticate({ authorization: 'Bearer old' })).toEqual({
      kind: 'rejected',
      reason: 'the token has expired',
    });
  });

  it('passes an unavailable users service on as an error, not as a rejection', async () => {
    const { authenticate } = setup(async () => {
      throw new UnavailableError('users is down');
    });
    await expect(authenticate({ authorization: 'Bearer x' })).rejects.toBeInstanceOf(UnavailableError);
  });

  it.each([
    ['another scheme', { authorization: 'Basic dGhlLWFkbWluLWtleQ==' }],
    ['an empty bearer', { authorization: 'Bearer ' }],
    ['an empty X-API-Key', { 'x-api-key': '' }],
  ])('rejects %s without asking users', async (_case, headers) => {
    const { authenticate, calls } = setup();
    expect(await authenticate(headers)).toMatchObject({ kind: 'rejected' });
    expect(calls).toEqual([]);
  });

  it('prefers Authorization over X-API-Key', async () => {
    const { authenticate, calls } = setup();
    await authenticate({ authorization: 'Bearer from-header', 'x-api-key': 'the-admin-key-for-tests' });
    expect(calls).toEqual(['from-header']);
  });
});
