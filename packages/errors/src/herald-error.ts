import type { ErrorCode } from './error-codes';

export interface FieldIssue {
  readonly field: string;
  readonly message: string;
}

export interface HeraldErrorOptions {
  readonly cause?: unknown;
  /** Overrides the class's own answer, for an error whose origin decides it (see errorFromPeer). */
  readonly retryable?: boolean;
}

/** Domain errors carry a code and whether a retry may help; never an HTTP status. */
export abstract class HeraldError extends Error {
  abstract readonly code: ErrorCode;
  /** Whether a later attempt of the same call, unchanged, may succeed. The one input of every retry decision. */
  readonly retryable: boolean;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(message: string, details: Record<string, unknown> = {}, options: HeraldErrorOptions = {}) {
    super(message, 'cause' in options ? { cause: options.cause } : undefined);
    this.name = new.target.name;
    this.details = details;
    this.retryable = options.retryable ?? this.retryableByDefault;
  }

  /** A prototype getter, not a field: the constructor reads it before a subclass's fields exist. */
  protected get retryableByDefault(): boolean {
    return false;
  }
}

export class NotFoundError extends HeraldError {
  readonly code = 'NOT_FOUND';
}

export class BadUserInputError extends HeraldError {
  readonly code = 'BAD_USER_INPUT';
  constructor(
    message: string,
    readonly issues: readonly FieldIssue[] = [],
  ) {
    super(message, { issues });
  }
}

export class UnprocessableError extends HeraldError {
  readonly code = 'UNPROCESSABLE';
}

export class ConflictError extends HeraldError {
  readonly code = 'CONFLICT';
}

export class UnauthenticatedError extends HeraldError {
  readonly code = 'UNAUTHENTICATED';
}

export class ForbiddenError extends HeraldError {
  readonly code = 'FORBIDDEN';
}

export class UnavailableError extends HeraldError {
  readonly code = 'UNAVAILABLE';
  protected override get retryableByDefault(): boolean {
    return true;
  }
}

export class InternalError extends HeraldError {
  readonly code = 'INTERNAL';
}

export function isHeraldError(error: unknown): error is HeraldError {
  return error instanceof HeraldError;
}

export class RateLimitedError extends HeraldError {
  readonly code = 'RATE_LIMITED';
  protected override get retryableByDefault(): boolean {
    return true;
  }
}

export class PayloadTooLargeError extends HeraldError {
  readonly code = 'PAYLOAD_TOO_LARGE';
}

type ErrorFactory = (
  message: string,
  details: Record<string, unknown>,
  options: HeraldErrorOptions,
) => HeraldError;

const ERROR_FACTORIES: Record<ErrorCode, ErrorFactory> = {
  // Bad input stays bad: no origin makes it retryable, so the options do not apply.
  BAD_USER_INPUT: (message, details) =>
    new BadUserInputError(message, Array.isArray(details.issues) ? (details.issues as FieldIssue[]) : []),
  UNAUTHENTICATED: (message, details, options) => new UnauthenticatedError(message, details, options),
  FORBIDDEN: (message, details, options) => new ForbiddenError(message, details, options),
  NOT_FOUND: (message, details, options) => new NotFoundError(message, details, options),
  CONFLICT: (message, details, options) => new ConflictError(message, details, options),
  UNPROCESSABLE: (message, details, options) => new UnprocessableError(message, details, options),
  RATE_LIMITED: (message, details, options) => new RateLimitedError(message, details, options),
  PAYLOAD_TOO_LARGE: (message, details, options) => new PayloadTooLargeError(message, details, options),
  UNAVAILABLE: (message, details, options) => new UnavailableError(message, details, options),
  INTERNAL: (message, details, options) => new InternalError(message, details, options),
};

/** Rebuilds a typed error from a code that crossed a process boundary (GraphQL, a client of Herald). */
export function errorFromCode(
  code: ErrorCode,
  message: string,
  details: Record<string, unknown> = {},
  options: HeraldErrorOptions = {},
): HeraldError {
  return ERROR_FACTORIES[code](message, details, options);
}

/**
 * Codes that are retryable when a peer service answers them to another service (decision 0034):
 * the credential between services is the deployment's internal token, and a peer's INTERNAL is
 * the peer's fault; neither says anything about the caller's request, so a later call may pass.
 */
const RETRYABLE_FROM_PEER: ReadonlySet<ErrorCode> = new Set(['INTERNAL', 'UNAUTHENTICATED', 'FORBIDDEN']);

/** Rebuilds the error a peer service answered (gRPC), retryable as decision 0034 says. */
export function errorFromPeer(
  code: ErrorCode,
  message: string,
  details: Record<string, unknown> = {},
): HeraldError {
  return errorFromCode(code, message, details, RETRYABLE_FROM_PEER.has(code) ? { retryable: true } : {});
}
