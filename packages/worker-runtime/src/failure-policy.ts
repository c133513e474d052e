import type { Outcome } from '@herald/amqp';
import { isHeraldError } from '@herald/errors';
import { isDeliveryError } from './delivery-error';

export interface Failure {
  /** True when no later attempt can succeed. */
  readonly permanent: boolean;
  readonly reason: string;
}

/**
 * Reads the error's `retryable`, never its message text. A provider's answer is the reason as
 * it is; a peer's error is prefixed with its code. Anything but a HeraldError is a fault we did
 * not foresee: it is retried, and the attempt limit bounds its retries.
 */
export function classifyFailure(error: unknown): Failure {
  if (!isHeraldError(error))
    return { permanent: false, reason: error instanceof Error ? error.message : String(error) };
  const reason = isDeliveryError(error) ? error.message : `${error.code}: ${error.message}`;
  return { permanent: !error.retryable, reason };
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
