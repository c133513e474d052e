/**
 * The one table of error codes. Every entry point maps these (GraphQL extensions.code,
 * gRPC status, HTTP status, AMQP outcome); the docs list them from here.
 */
export const ERROR_CODES = {
  BAD_USER_INPUT: 'The input is malformed or fails validation; the detail lists each bad field.',
  UNAUTHENTICATED: 'No credential, or one that is invalid or expired.',
  FORBIDDEN: 'The credential is valid but not allowed to do this.',
  NOT_FOUND: 'The named thing does not exist (or is not visible to the caller).',
  CONFLICT: 'The request clashes with existing state (same request id with another body, duplicate key).',
  UNPROCESSABLE: 'The input is well formed but cannot be acted on (unknown template, missing variables).',
  RATE_LIMITED: 'Too many requests for this credential; retry after the advertised delay.',
  PAYLOAD_TOO_LARGE: 'The request body is larger than the limit.',
  UNAVAILABLE: 'A dependency is down or timed out; the call may succeed if retried.',
  INTERNAL: 'An unexpected fault; the correlation id identifies it in the logs.',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/**
 * GraphQL's own request errors (Apollo Server's codes), which the gateway shows clients as they
 * are: the document or the HTTP request was refused before any operation ran.
 */
export const GRAPHQL_REQUEST_ERROR_CODES = {
  GRAPHQL_PARSE_FAILED: 'The document is not valid GraphQL syntax.',
  GRAPHQL_VALIDATION_FAILED:
    'The document does not match the schema (an unknown field or argument, a wrong type).',
  BAD_REQUEST: 'The HTTP request is not a GraphQL request (no query, an unsupported content type).',
  OPERATION_RESOLUTION_FAILURE: 'The operation to run cannot be chosen from the document.',
  PERSISTED_QUERY_NOT_FOUND: 'The persisted query hash is unknown: send the document with it.',
  PERSISTED_QUERY_NOT_SUPPORTED: 'Persisted queries are not served.',
} as const;

export type GraphQLRequestErrorCode = keyof typeof GRAPHQL_REQUEST_ERROR_CODES;

export function describeErrorCode(code: ErrorCode): string {
  return ERROR_CODES[code];
}
