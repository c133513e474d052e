import { UnauthenticatedError } from '@herald/errors';
import type { Identity, SubgraphContext } from '@herald/subgraph';

/** Mutations need a caller the gateway identified; queries take any call that came through it. */
export function requireIdentity(context: SubgraphContext, operation: string): Identity {
  if (!context.identity) throw new UnauthenticatedError(`${operation} needs an authenticated caller`);
  return context.identity;
}
