import { Metadata, status, type ServiceError } from '@grpc/grpc-js';
import {
  ERROR_CODES,
  UnavailableError,
  errorFromPeer,
  isHeraldError,
  type ErrorCode,
  type HeraldError,
} from '@herald/errors';
import type { Logger } from '@herald/logging';
import { METADATA } from './metadata';

/** A handler's failure as it crosses the wire: a Herald code, a message for the caller, details. */
export interface WireFailure {
  readonly code: ErrorCode;
  readonly message: string;
  readonly details: Record<string, unknown>;
  /** The error itself, for the span. */
  readonly error: unknown;
}

const STATUS_FOR_CODE: Record<ErrorCode, status> = {
  BAD_USER_INPUT: status.INVALID_ARGUMENT,
  UNAUTHENTICATED: status.UNAUTHENTICATED,
  FORBIDDEN: status.PERMISSION_DENIED,
  NOT_FOUND: status.NOT_FOUND,
  CONFLICT: status.ALREADY_EXISTS,
  UNPROCESSABLE: status.FAILED_PRECONDITION,
  RATE_LIMITED: status.RESOURCE_EXHAUSTED,
  PAYLOAD_TOO_LARGE: status.RESOURCE_EXHAUSTED,
  UNAVAILABLE: status.UNAVAILABLE,
  INTERNAL: status.INTERNAL,
};

/**
 * What a caller is told about a handler's failure, logged once here: a HeraldError keeps its code
 * (a dependency outage is already an UnavailableError, which the caller may retry); anything
 * else becomes INTERNAL without its internals.
 */
export function wireFailureOf(error: unknown, log: Logger): WireFailure {
  if (isHeraldError(error)) {
    if (error.code === 'INTERNAL' || error.code === 'UNAVAILABLE') log.warn({ err: error }, 'rpc failed');
    return { code: error.code, message: error.message, details: error.details, error };
  }
  log.error({ err: error }, 'rpc failed unexpectedly');
  return { code: 'INTERNAL', message: 'internal error', details: {}, error };
}

/** The gRPC status of a failure, with its Herald code and details in the trailers. */
export function toServiceError(failure: WireFailure): Partial<ServiceError> {
  const metadata = new Metadata();
  metadata.set(METADATA.errorCode, failure.code);
  metadata.set(METADATA.errorDetails, JSON.stringify(failure.details));
  return { code: STATUS_FOR_CODE[failure.code], details: failure.message, metadata };
}

/** The gRPC status name a failure is answered with ("UNAVAILABLE"…), for metrics. */
export function statusNameOf(code: ErrorCode): string {
  return status[STATUS_FOR_CODE[code]] ?? String(STATUS_FOR_CODE[code]);
}

/**
 * A failed call as a HeraldError: the server's own code when it sent one, UNAUTHENTICATED as
 * such, otherwise UNAVAILABLE for transport problems (retryable), naming the method and status.
 */
export function heraldErrorOf(error: ServiceError, method: string): HeraldError {
  const sent = heraldErrorFromWire(
    error.metadata?.get(METADATA.errorCode)[0],
    error.details,
    error.metadata?.get(METADATA.errorDetails)[0],
  );
  if (sent) return sent;
  if (error.code === status.UNAUTHENTICATED) return errorFromPeer('UNAUTHENTICATED', error.details);
  return new UnavailableError(
    `${method} failed: ${status[error.code] ?? error.code} ${error.details}`,
    {},
    { cause: error },
  );
}

/**
 * The HeraldError a Herald server sent (its code, message and JSON details), retryable as a
 * peer's answer is (errorFromPeer); undefined for an unknown code.
 */
export function heraldErrorFromWire(
  code: unknown,
  message: string,
  detailsJson: unknown,
): HeraldError | undefined {
  if (typeof code !== 'string' || !(code in ERROR_CODES)) return undefined;
  return errorFromPeer(code as ErrorCode, message, parseDetails(detailsJson));
}

function parseDetails(raw: unknown): Record<string, unknown> {
  if (typeof raw !== 'string' || raw === '') return {};
  try {
    return JSON.parse(raw) as Record<string, unknown>;
  } catch {
    return {};
  }
}
