/** PostgreSQL unique_violation (23505), optionally on a named constraint. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const pgError = (error as { driverError?: unknown }).driverError ?? error;
  const { code, constraint: violated } = pgError as { code?: string; constraint?: string };
  return code === '23505' && (constraint === undefined || violated === constraint);
}

/** Socket errors: the database host refused, dropped or never answered the connection. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * SQLSTATE class 08 (connection exception), 57P01–57P03 (the server is shutting down or not
 * yet accepting connections) and 53300 (too many connections).
 */
const UNAVAILABLE_SQLSTATE = /^(08...|57P0[123]|53300)$/;

/**
 * node-postgres reports a lost connection and a pool wait that timed out with these messages
 * and no code, so they are the only way to recognise those two cases.
 */
const PG_CONNECTION_LOST = /^(Connection terminated|timeout exceeded when trying to connect)/;

/**
 * Whether an error means the database could not be reached, rather than that the query was
 * wrong: the caller may succeed by retrying later.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const failure = ((error as { driverError?: unknown } | undefined)?.driverError ?? error) as
    { code?: unknown; message?: unknown } | undefined;
  if (!failure || typeof failure !== 'object') return false;
  const { code, message } = failure;
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || UNAVAILABLE_SQLSTATE.test(code))) return true;
  return typeof message === 'string' && PG_CONNECTION_LOST.test(message);
}
