import { UnauthenticatedError } from '@herald/errors';
import type { Identity, SubgraphContext } from '@herald/subgraph';

/** Mutations need a caller the gateway authenticated; queries do not (yet). */
export function requireIdentity(context: SubgraphContext): Identity {
  if (!context.identity) throw new UnauthenticatedError('sign in or present an API key to change data');
  return context.identity;
}
