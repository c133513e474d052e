import { UnavailableError, UnprocessableError } from '@herald/errors';

/**
 * A send the provider refused for good (a rejected address, a malformed token, a 5xx answer):
 * another attempt would be refused the same way, so it is not retryable.
 */
export class DeliveryRefusedError extends UnprocessableError {}

/**
 * A send the provider could not take now (a full mailbox, a dropped connection, a 4xx answer):
 * a later attempt may succeed.
 */
export class DeliveryUnavailableError extends UnavailableError {}

/** What a provider throws when a send fails; its message is the provider's own answer. */
export type DeliveryError = DeliveryRefusedError | DeliveryUnavailableError;

export function isDeliveryError(error: unknown): error is DeliveryError {
  return error instanceof DeliveryRefusedError || error instanceof DeliveryUnavailableError;
}
