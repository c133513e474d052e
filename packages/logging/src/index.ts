export { createLogger, maskUrlCredentials, type Logger, type LoggerOptions } from './logger';
export {
  runWithContext,
  currentContext,
  currentCorrelationId,
  newCorrelationId,
  type LogContext,
} from './log-context';
