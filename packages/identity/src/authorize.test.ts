import { ForbiddenError, UnauthenticatedError } from '@herald/errors';
import { requireScope, requireSelfOrScope, type Caller } from './authorize';
import type { Identity } from './identity';

const as = (identity: Identity | undefined): Caller => ({ identity });
const admin: Identity = { kind: 'admin', id: 'admin', role: 'admin', scopes: [] };
const ada: Identity = { kind: 'user', id: 'ada', role: 'user', scopes: [] };
const sender: Identity = { kind: 'service', id: 'key-1', scopes: ['notifications:send'] };

describe('requireScope', () => {
  it('lets an admin through without scopes, and a key with the scope', () => {
    expect(requireScope(as(admin), 'templates:write')).toBe(admin);
    expect(requireScope(as(sender), 'notifications:send')).toBe(sender);
  });

  it('refuses a key without the scope as FORBIDDEN and an anonymous call as UNAUTHENTICATED', () => {
    expect(() => requireScope(as(sender), 'templates:write')).toThrow(ForbiddenError);
    expect(() => requireScope(as(undefined), 'templates:write')).toThrow(UnauthenticatedError);
  });
});

describe('requireSelfOrScope', () => {
  it('lets a user act on their own data only', () => {
    expect(requireSelfOrScope(as(ada), 'ada', 'users:admin')).toBe(ada);
    expect(() => requireSelfOrScope(as(ada), 'grace', 'users:admin')).toThrow(ForbiddenError);
  });

  it('lets an admin act on anyone', () => {
    expect(requireSelfOrScope(as(admin), 'grace', 'users:admin')).toBe(admin);
  });
});
