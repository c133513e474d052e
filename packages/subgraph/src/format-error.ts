import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { isDatabaseUnavailable } from '@herald/database';
import { UnavailableError, isHeraldError } from '@herald/errors';
import { currentCorrelationId, type Logger } from '@herald/logging';

type ErrorFormatter = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

/**
 * HeraldErrors keep their message and details, with the code in extensions.code. Anything
 * else is an internal fault: its message is replaced so no internals leak, and it is logged
 * whole, so the correlation id the caller sees leads to the cause. GraphQL's own validation
 * and parse errors pass through as they are.
 */
export function subgraphErrorFormatter(log: Logger): ErrorFormatter {
  return (formatted, error) => {
    const original = unwrapResolverError(error);
    if (isDatabaseUnavailable(original)) {
      log.warn({ err: original, path: formatted.path }, 'database unavailable');
      return formatSubgraphError(formatted, new UnavailableError(DATABASE_UNAVAILABLE));
    }
    const formattedError = formatSubgraphError(formatted, original);
    if (formattedError.extensions?.code === 'INTERNAL')
      log.error({ err: original, path: formatted.path }, 'internal error in a resolver');
    return formattedError;
  };
}

/** An outage, not a fault: the caller may retry, and sees UNAVAILABLE (503 on the REST shim). */
const DATABASE_UNAVAILABLE = 'the database is unavailable; retry shortly';

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
