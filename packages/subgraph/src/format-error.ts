import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { isHeraldError } from '@herald/errors';
import { currentCorrelationId, type Logger } from '@herald/logging';

type ErrorFormatter = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

/**
 * HeraldErrors keep their message and details, with the code in extensions.code. Anything
 * else is an internal fault: its message is replaced so no internals leak, and it is logged
 * whole, so the correlation id the caller sees leads to the cause. An outage (a dependency
 * down: @herald/database throws UnavailableError for PostgreSQL) is logged as a warning; the
 * caller may retry and sees UNAVAILABLE (503 on the REST shim). GraphQL's own validation and
 * parse errors pass through as they are.
 */
export function subgraphErrorFormatter(log: Logger): ErrorFormatter {
  return (formatted, error) => {
    const original = unwrapResolverError(error);
    const formattedError = formatSubgraphError(formatted, original);
    const code = formattedError.extensions?.code;
    if (code === 'UNAVAILABLE') log.warn({ err: original, path: formatted.path }, 'dependency unavailable');
    if (code === 'INTERNAL')
      log.error({ err: original, path: formatted.path }, 'internal error in a resolver');
    return formattedError;
  };
}

function formatSubgraphError(formatted: GraphQLFormattedError, original: unknown): GraphQLFormattedError {
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
