import { InternalError } from '@herald/errors';
import type { GrpcVerifiedIdentity } from '@herald/proto';
import { verifyThroughUsers } from './verify-credential';

const answering = (answer: GrpcVerifiedIdentity) =>
  verifyThroughUsers({ VerifyCredential: async () => answer });

describe('verifyThroughUsers', () => {
  it('turns a user JWT into a user identity with its expiry', async () => {
    const verify = answering({
      kind: 'user',
      id: 'u-1',
      role: 'admin',
      scopes: [],
      expires_at: '2030-01-01T00:00:00.000Z',
    });
    expect(await verify('jwt')).toEqual({
      identity: { kind: 'user', id: 'u-1', role: 'admin', scopes: [] },
      expiresAt: new Date('2030-01-01T00:00:00.000Z'),
    });
  });

  it('turns an API key into a service identity with its scopes and no role', async () => {
    const verify = answering({
      kind: 'service',
      id: 'k-1',
      role: '',
      scopes: ['notifications:send'],
      expires_at: '',
    });
    expect(await verify('key')).toEqual({
      identity: { kind: 'service', id: 'k-1', scopes: ['notifications:send'] },
      expiresAt: undefined,
    });
  });

  it('refuses to trust a malformed answer', async () => {
    const verify = answering({ kind: 'admin', id: 'x', role: '', scopes: [], expires_at: '' });
    await expect(verify('key')).rejects.toBeInstanceOf(InternalError);
  });
});
