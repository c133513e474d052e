import { ForbiddenError, UnauthenticatedError } from '@herald/errors';
import type { Identity } from './identity';
import type { Scope } from './scopes';

/** Whoever asks, through any entry point: a GraphQL context, or a gRPC call's forwarded identity. */
export interface Caller {
  /** Undefined for anonymous calls. */
  readonly identity: Identity | undefined;
}

/** An admin is the bootstrap key (kind admin) or a user whose role is admin. */
export function isAdmin(identity: Identity): boolean {
  return identity.kind === 'admin' || identity.role === 'admin';
}

export function hasScope(identity: Identity, scope: Scope): boolean {
  return isAdmin(identity) || identity.scopes.includes(scope);
}

/** The caller the gateway authenticated; anonymous calls are UNAUTHENTICATED. */
export function requireIdentity(caller: Caller): Identity {
  if (!caller.identity) throw anonymousCallerError();
  return caller.identity;
}

/** An admin, or a caller holding the scope. */
export function requireScope(caller: Caller, scope: Scope): Identity {
  const identity = requireIdentity(caller);
  if (!hasScope(identity, scope)) throw missingScopeError(scope);
  return identity;
}

/**
 * A user acting on their own data, an admin, or a service holding the scope. A user reaching
 * for another user's data is FORBIDDEN, never silently empty.
 */
export function requireSelfOrScope(caller: Caller, userId: string, scope: Scope): Identity {
  const identity = requireIdentity(caller);
  if (identity.kind === 'user' && identity.id === userId) return identity;
  if (!hasScope(identity, scope)) throw new ForbiddenError('not allowed to act on another user', { scope });
  return identity;
}

/** The refusal of a caller who presented no credential, in any entry point. */
export function anonymousCallerError(): UnauthenticatedError {
  return new UnauthenticatedError('sign in or present an API key');
}

/** The refusal of a caller who lacks a scope the operation needs. */
export function missingScopeError(scope: Scope): ForbiddenError {
  return new ForbiddenError(`needs the ${scope} scope`, { scope });
}
