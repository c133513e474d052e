import pino from 'pino';
import { currentContext, type LogContext } from './log-context';

export type Logger = pino.Logger;

export interface LoggerOptions {
  readonly service: string;
  readonly level?: string;
  readonly destination?: pino.DestinationStream;
}

/** Secrets that must never reach a log line, wherever they appear in a logged object. */
const REDACTED_PATHS = [
  'password',
  '*.password',
  'token',
  '*.token',
  'authorization',
  '*.authorization',
  'headers.authorization',
  'headers["x-api-key"]',
  'headers["x-internal-token"]',
  'apiKey',
  '*.apiKey',
  'secret',
  '*.secret',
];

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
      mixin: (_merge, _level, logger) => contextNotYetBound(logger),
    },
    destination,
  );
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
