import {
  NotFoundError,
  RateLimitedError,
  UnavailableError,
  UnprocessableError,
  errorFromPeer,
} from '@herald/errors';
import { DeliveryRefusedError, DeliveryUnavailableError } from './delivery-error';
import { classifyFailure, decideOnFailure } from './failure-policy';

describe('classifyFailure', () => {
  it.each([
    [new DeliveryRefusedError('550 no such user'), true],
    [new DeliveryUnavailableError('421 busy'), false],
    [new NotFoundError('user not found'), true],
    [new UnprocessableError('missing variables: name'), true],
    [new UnavailableError('GetUser failed'), false],
    [new RateLimitedError('slow down'), false],
    // A peer's INTERNAL and FORBIDDEN arrive over gRPC, rebuilt by errorFromPeer (decision 0034).
    [errorFromPeer('INTERNAL', 'boom'), false],
    [errorFromPeer('FORBIDDEN', 'wrong internal token'), false],
    [errorFromPeer('UNAUTHENTICATED', 'missing or wrong internal token'), false],
    [new TypeError('cannot read properties of undefined'), false],
  ])('%s is permanent: %s', (error, permanent) => {
    expect(classifyFailure(error).permanent).toBe(permanent);
  });

  it('does not read the message text: a transient DeliveryError saying "permanent" stays transient', () => {
    expect(classifyFailure(new DeliveryUnavailableError('550 permanent failure')).permanent).toBe(false);
  });

  it('keeps a provider’s answer as the reason, and prefixes a peer’s error with its code', () => {
    expect(classifyFailure(new DeliveryRefusedError('550 no such user')).reason).toBe('550 no such user');
    expect(classifyFailure(new NotFoundError('user u-1 not found')).reason).toBe(
      'NOT_FOUND: user u-1 not found',
    );
  });
});

describe('decideOnFailure', () => {
  it('retries a transient failure before the last attempt', () => {
    expect(decideOnFailure({ permanent: false, reason: 'timeout' }, 4, 5)).toEqual({
      status: 'RETRYING',
      detail: 'timeout',
      outcome: { kind: 'retry', reason: 'timeout' },
    });
  });

  it('fails a transient failure at the last attempt', () => {
    expect(decideOnFailure({ permanent: false, reason: 'timeout' }, 5, 5)).toMatchObject({
      status: 'FAILED',
      outcome: { kind: 'dead-letter', reason: 'attempts exhausted (5 of 5): timeout' },
    });
  });

  it('fails a permanent failure at the first attempt', () => {
    expect(decideOnFailure({ permanent: true, reason: 'bad address' }, 1, 5).status).toBe('FAILED');
  });
});
