import pino from 'pino';
import { currentContext, type LogContext } from './log-context';

export type Logger = pino.Logger;

export interface LoggerOptions {
  readonly service: string;
  readonly level?: string;
  readonly destination?: pino.DestinationStream;
}

/**
 * Keys whose values are secrets, redacted at the top of a logged object and one level down:
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

const REDACTED_PATHS = [
  ...SECRET_KEYS.flatMap((key) => [key, `*.${key}`]),
  'headers["x-api-key"]',
  'headers["x-internal-token"]',
  '*.headers.authorization',
  '*.headers["x-api-key"]',
];

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
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
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
