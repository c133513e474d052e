import { BadUserInputError } from '@herald/errors';
import type { SubgraphContext } from '@herald/subgraph';
import { SCOPES, requireIdentity, requireSelfOrScope } from '@herald/identity';

/**
 * The user a mutation acts on: the caller by default, or the named user when the caller is that
 * user, an admin or holds users:admin. Anyone else reaching for another user is FORBIDDEN.
 */
export function authorizeTargetUser(context: SubgraphContext, userId: string | undefined): string {
  const identity = requireIdentity(context);
  const target = userId ?? (identity.kind === 'user' ? identity.id : undefined);
  if (target === undefined) {
    throw new BadUserInputError('invalid input: userId is required when the caller is not a user', [
      { field: 'userId', message: 'is required when the caller is not a user' },
    ]);
  }
  requireSelfOrScope(context, target, SCOPES.usersAdmin);
  return target;
}
