import type { Outcome } from '@herald/amqp';
import { isHeraldError, type ErrorCode } from '@herald/errors';
import { DeliveryError } from './delivery-error';

export interface Failure {
  /** True when no later attempt can succeed. */
  readonly permanent: boolean;
  readonly reason: string;
}

/** Classifies by error type and code, never by message text. */
export function classifyFailure(error: unknown): Failure {
  if (error instanceof DeliveryError) return { permanent: error.permanent, reason: error.message };
  if (isHeraldError(error))
    return { permanent: isPermanentCode(error.code), reason: `${error.code}: ${error.message}` };
  // Anything else is a fault we did not foresee; the attempt limit bounds its retries.
  return { permanent: false, reason: error instanceof Error ? error.message : String(error) };
}

function isPermanentCode(code: ErrorCode): boolean {
  switch (code) {
    case 'BAD_USER_INPUT':
    case 'NOT_FOUND':
    case 'UNPROCESSABLE':
    case 'CONFLICT':
    case 'PAYLOAD_TOO_LARGE':
      return true;
    case 'UNAVAILABLE':
    case 'RATE_LIMITED':
    case 'INTERNAL':
      return false;
    // A credential problem is the deployment's, not the message's; retries leave time to fix it.
    case 'UNAUTHENTICATED':
    case 'FORBIDDEN':
      return false;
    default: {
      const unreachable: never = code;
      return unreachable;
    }
  }
}

export type FailureDecision =
  | { readonly status: 'RETRYING'; readonly detail: string; readonly outcome: Outcome & { kind: 'retry' } }
  | {
      readonly status: 'FAILED';
      readonly detail: string;
      readonly outcome: Outcome & { kind: 'dead-letter' };
    };

/** A permanent failure, or a transient one at the last allowed attempt, fails the notification. */
export function decideOnFailure(failure: Failure, attempt: number, maxAttempts: number): FailureDecision {
  if (failure.permanent) {
    return {
      status: 'FAILED',
      detail: failure.reason,
      outcome: { kind: 'dead-letter', reason: failure.reason },
    };
  }
  if (attempt >= maxAttempts) {
    const detail = `attempts exhausted (${attempt} of ${maxAttempts}): ${failure.reason}`;
    return { status: 'FAILED', detail, outcome: { kind: 'dead-letter', reason: detail } };
  }
  return { status: 'RETRYING', detail: failure.reason, outcome: { kind: 'retry', reason: failure.reason } };
}
