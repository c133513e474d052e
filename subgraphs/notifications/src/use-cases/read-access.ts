import { isAdmin, requireIdentity, requireScope, SCOPES, type Caller } from '@herald/subgraph';

/**
 * Who may read notifications, whatever the entry point: a signed-in user (not an admin) only
 * their own, whatever their scopes; anyone else needs notifications:read or admin. Returns the
 * user a read is restricted to, if any.
 */
export function readerOf(caller: Caller): { readonly owner: string | undefined } {
  const identity = requireIdentity(caller);
  const owner = identity.kind === 'user' && !isAdmin(identity) ? identity.id : undefined;
  if (!owner) requireScope(caller, SCOPES.notificationsRead);
  return { owner };
}
