import pino from 'pino';
import { currentContext, type LogContext } from './log-context';

export type Logger = pino.Logger;

export interface LoggerOptions {
  readonly service: string;
  readonly level?: string;
  readonly destination?: pino.DestinationStream;
}

/**
 * Keys whose values are secrets, redacted at the top of a logged object and below it:
 * passwords, tokens, API keys, SMTP and push credentials, and the variables that hold them.
 */
const SECRET_KEYS = [
  'password',
  'newPassword',
  'currentPassword',
  'passwordHash',
  'pass',
  'token',
  'accessToken',
  'refreshToken',
  'internalToken',
  'apiKey',
  'api_key',
  'secret',
  'clientSecret',
  'privateKey',
  'private_key',
  'authorization',
  'cookie',
  // Web Push subscription secrets.
  'auth',
  'p256dh',
  'INTERNAL_TOKEN',
  'HERALD_ADMIN_API_KEY',
  'SMTP_URL',
  'VAPID_PRIVATE_KEY',
];

/** Header names whose values are credentials, wherever a headers object is logged. */
const SECRET_HEADERS = ['authorization', 'cookie', 'x-api-key', 'x-internal-token'];

const SECRET_FIELDS: ReadonlySet<string> = new Set([...SECRET_KEYS, ...SECRET_HEADERS]);

/** Top level, one level down (`user.token`) and two (`request.headers.authorization`). */
const REDACTED_DEPTH = 2;

const CENSOR = '[redacted]';

/**
 * The logged object with the value of every secret field replaced, copying only the objects
 * that hold one. One pass over the keys per line: pino's path-based redaction with a wildcard
 * per key ran every value of every line through its redactor, a few percent of each service's CPU.
 */
export function redactSecrets(object: Record<string, unknown>, depth = 0): Record<string, unknown> {
  let copy: Record<string, unknown> | undefined;
  for (const key in object) {
    const value = object[key];
    let replaced: unknown = value;
    if (SECRET_FIELDS.has(key)) replaced = CENSOR;
    else if (depth < REDACTED_DEPTH && isPlainObject(value)) replaced = redactSecrets(value, depth + 1);
    if (replaced !== value) {
      copy ??= { ...object };
      copy[key] = replaced;
    }
  }
  return copy ?? object;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

/** user:password@ in any URL (SMTP_URL, AMQP_URL, DATABASE_URL …), wherever it lands in a line. */
const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@"]*):[^\s/@"]*@/gi;

/** The text with the password of every URL in it replaced, e.g. smtp://user:[redacted]@host. */
export function maskUrlCredentials(text: string): string {
  return text.replace(URL_CREDENTIALS, '$1:[redacted]@');
}

/** JSON lines with `service`, and the correlation id of the current async context. */
export function createLogger({ service, level, destination }: LoggerOptions): Logger {
  return pino(
    {
      // main.ts creates the logger before the config is validated; the config then reports a bad LOG_LEVEL.
      level: level !== undefined && (level in pino.levels.values || level === 'silent') ? level : 'info',
      base: { service },
      messageKey: 'message',
      timestamp: pino.stdTimeFunctions.isoTime,
      // Child bindings are not passed through it (pino resets that formatter for children): they carry ids only.
      formatters: { level: (label) => ({ level: label }), log: redactSecrets },
      // The last line of defence: a connection URL inside a message, an error or a stack trace.
      hooks: { streamWrite: maskUrlCredentials },
      mixin: (_merge, _level, logger) => contextNotYetBound(logger),
    },
    destination ?? standardOutput(),
  );
}

/**
 * stdout, written asynchronously: under load, lines logged while a write is in flight go out
 * together in the next one instead of one blocking write per line on the event loop. pino
 * flushes what is pending when the process exits; only a SIGKILL can lose the last lines.
 */
function standardOutput(): pino.DestinationStream {
  return pino.destination({ dest: 1, sync: false });
}

/**
 * The current async context (correlation and notification ids) for a log line, unless the
 * logger is a child that already carries them: pino would write the keys twice.
 */
function contextNotYetBound(logger: pino.Logger): Partial<LogContext> {
  const context = currentContext();
  if (!context) return {};
  const bindings = (logger as unknown as Record<symbol, string | undefined>)[pino.symbols.chindingsSym] ?? '';
  return bindings.includes('"correlation_id"') ? {} : context;
}
