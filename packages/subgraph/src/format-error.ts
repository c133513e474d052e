import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { isHeraldError } from '@herald/errors';
import { currentCorrelationId } from '@herald/logging';

/**
 * HeraldErrors keep their message and details, with the code in extensions.code. Anything
 * else is an internal fault: its message is replaced so no internals leak; GraphQL's own
 * validation and parse errors pass through as they are.
 */
export function formatSubgraphError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (isHeraldError(original)) {
    return {
      ...formatted,
      message: original.message,
      extensions: { ...original.details, code: original.code },
    };
  }
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && code !== 'INTERNAL_SERVER_ERROR') return formatted;
  return {
    message: 'internal error',
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: 'INTERNAL', correlationId: currentCorrelationId() },
  };
}
