import { RateLimitedError, UnauthenticatedError, UnavailableError } from '../generated/error-classes.ts';
import {
  CREDENTIAL_REFUSED,
  TOO_MANY_CONNECTIONS,
  closeCodeOf,
} from '../transport/subscription-transport.ts';
import { errorFromGraphQL, isGraphQLErrorList } from './error-from-graphql.ts';
import type { HeraldClientError } from './herald-client-error.ts';

/** Why a watch ended: the gateway refused the subscription, or the connection could not be kept. */
export function errorFromSubscriptionFailure(failure: unknown): HeraldClientError {
  if (isGraphQLErrorList(failure)) return errorFromGraphQL(failure[0] as (typeof failure)[number]);
  const code = closeCodeOf(failure);
  if (code === undefined) {
    return new UnavailableError('the subscription connection failed', { cause: failure });
  }
  const reason = String((failure as { reason?: unknown }).reason ?? '');
  const init = { details: { closeCode: code, closeReason: reason }, cause: failure };
  if (code === CREDENTIAL_REFUSED) {
    return new UnauthenticatedError('the gateway refused the credential for subscriptions', init);
  }
  if (code === TOO_MANY_CONNECTIONS) return new RateLimitedError(reason, init);
  return new UnavailableError(`the subscription connection closed: ${code} ${reason}`.trim(), init);
}
