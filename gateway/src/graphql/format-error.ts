import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ERROR_CODES, GRAPHQL_REQUEST_ERROR_CODES, isHeraldError } from '@herald/errors';
import { currentCorrelationId, type Logger } from '@herald/logging';
import { withoutEchoedValue } from './without-echoed-value';

/** Codes a client may see as they are: the shared table, and GraphQL's own request errors. */
const PUBLIC_CODES = new Set<string>([
  ...Object.keys(ERROR_CODES),
  ...Object.keys(GRAPHQL_REQUEST_ERROR_CODES),
]);

/** Extensions that describe the gateway's internals rather than the caller's request. */
const INTERNAL_EXTENSIONS = new Set(['serviceName', 'stacktrace', 'exception', 'response']);

/**
 * The gateway's one GraphQL error mapper. Subgraph errors keep their message and extensions.code
 * (NOT_FOUND, CONFLICT, BAD_USER_INPUT with its field issues …); the gateway's own HeraldErrors are
 * shown the same way; anything else is logged once here and masked, with the correlation id.
 */
export function createErrorFormatter(log: Logger, onCode: (code: string) => void = () => undefined) {
  const format = (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = originalOf(error);
    if (isHeraldError(original) && original.code !== 'INTERNAL') {
      if (original.code === 'UNAVAILABLE') log.warn({ err: original }, original.message);
      return {
        message: original.message,
        locations: formatted.locations,
        path: formatted.path,
        extensions: { ...original.details, code: original.code },
      };
    }
    const code = formatted.extensions?.code;
    if (!isHeraldError(original) && typeof code === 'string' && PUBLIC_CODES.has(code)) {
      return { ...formatted, extensions: publicExtensions(formatted.extensions ?? {}) };
    }
    log.error({ err: original }, 'internal error');
    return {
      message: 'internal error',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: 'INTERNAL', correlationId: currentCorrelationId() },
    };
  };
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const shown = format(formatted, error);
    const result = { ...shown, message: withoutEchoedValue(shown.message) };
    const code = result.extensions?.code;
    onCode(typeof code === 'string' ? code : 'INTERNAL');
    return result;
  };
}

/** Errors the gateway raised while executing the plan arrive wrapped, without a path. */
function originalOf(error: unknown): unknown {
  let current = error;
  while (current instanceof GraphQLError && current.originalError) current = current.originalError;
  return current;
}

function publicExtensions(extensions: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const kept = Object.entries(extensions).filter(([key]) => !INTERNAL_EXTENSIONS.has(key));
  const result = Object.fromEntries(kept);
  // A subgraph masks its internal faults with the correlation id, which is this request's.
  if (result.code === 'INTERNAL') result.correlationId ??= currentCorrelationId();
  return result;
}
