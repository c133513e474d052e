import { ADMIN_IDENTITY, createAuthenticator } from './authenticate';

describe('createAuthenticator', () => {
  const authenticate = createAuthenticator('the-admin-key-for-tests');

  it('lets a request without credentials through as anonymous', () => {
    expect(authenticate({})).toEqual({ kind: 'anonymous' });
  });

  it('recognises the admin key as a bearer token', () => {
    expect(authenticate({ authorization: 'Bearer the-admin-key-for-tests' })).toEqual({
      kind: 'authenticated',
      identity: { kind: 'admin', id: 'admin', role: 'admin', scopes: [] },
    });
  });

  it('accepts the bearer scheme in any case', () => {
    expect(authenticate({ authorization: 'bearer the-admin-key-for-tests' })).toEqual({
      kind: 'authenticated',
      identity: ADMIN_IDENTITY,
    });
  });

  it('recognises the admin key in X-API-Key', () => {
    expect(authenticate({ 'x-api-key': 'the-admin-key-for-tests' })).toEqual({
      kind: 'authenticated',
      identity: ADMIN_IDENTITY,
    });
  });

  it.each([
    ['a wrong key', { authorization: 'Bearer not-the-key' }],
    ['a prefix of the key', { 'x-api-key': 'the-admin-key' }],
    ['the key with more after it', { 'x-api-key': 'the-admin-key-for-tests-and-more' }],
    ['another scheme', { authorization: 'Basic dGhlLWFkbWluLWtleQ==' }],
    ['an empty bearer', { authorization: 'Bearer ' }],
    ['an empty X-API-Key', { 'x-api-key': '' }],
  ])('rejects %s rather than treating the caller as anonymous', (_case, headers) => {
    expect(authenticate(headers)).toMatchObject({ kind: 'rejected' });
  });

  it('prefers Authorization over X-API-Key', () => {
    expect(
      authenticate({ authorization: 'Bearer wrong', 'x-api-key': 'the-admin-key-for-tests' }),
    ).toMatchObject({
      kind: 'rejected',
    });
  });
});
