import type { ErrorCode } from './error-codes';

export interface FieldIssue {
  readonly field: string;
  readonly message: string;
}

/** Domain errors carry a code and whether a retry may help; never an HTTP status. */
export abstract class HeraldError extends Error {
  abstract readonly code: ErrorCode;
  readonly retryable: boolean = false;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(message: string, details: Record<string, unknown> = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.details = details;
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
  override readonly retryable = true;
}

export class InternalError extends HeraldError {
  readonly code = 'INTERNAL';
}

export function isHeraldError(error: unknown): error is HeraldError {
  return error instanceof HeraldError;
}

export class RateLimitedError extends HeraldError {
  readonly code = 'RATE_LIMITED';
  override readonly retryable = true;
}

export class PayloadTooLargeError extends HeraldError {
  readonly code = 'PAYLOAD_TOO_LARGE';
}

const ERROR_FACTORIES: Record<ErrorCode, (message: string, details: Record<string, unknown>) => HeraldError> =
  {
    BAD_USER_INPUT: (message, details) =>
      new BadUserInputError(message, Array.isArray(details.issues) ? (details.issues as FieldIssue[]) : []),
    UNAUTHENTICATED: (message, details) => new UnauthenticatedError(message, details),
    FORBIDDEN: (message, details) => new ForbiddenError(message, details),
    NOT_FOUND: (message, details) => new NotFoundError(message, details),
    CONFLICT: (message, details) => new ConflictError(message, details),
    UNPROCESSABLE: (message, details) => new UnprocessableError(message, details),
    RATE_LIMITED: (message, details) => new RateLimitedError(message, details),
    PAYLOAD_TOO_LARGE: (message, details) => new PayloadTooLargeError(message, details),
    UNAVAILABLE: (message, details) => new UnavailableError(message, details),
    INTERNAL: (message, details) => new InternalError(message, details),
  };

/** Rebuilds a typed error from a code that crossed a process boundary (gRPC, GraphQL). */
export function errorFromCode(
  code: ErrorCode,
  message: string,
  details: Record<string, unknown> = {},
): HeraldError {
  return ERROR_FACTORIES[code](message, details);
}
