import {
  ForbiddenError,
  InternalError,
  NotFoundError,
  RateLimitedError,
  UnavailableError,
  UnprocessableError,
} from '@herald/errors';
import { DeliveryError } from './delivery-error';
import { classifyFailure, decideOnFailure } from './failure-policy';

describe('classifyFailure', () => {
  it.each([
    [new DeliveryError('550 no such user', true), true],
    [new DeliveryError('421 busy', false), false],
    [new NotFoundError('user not found'), true],
    [new UnprocessableError('missing variables: name'), true],
    [new UnavailableError('GetUser failed'), false],
    [new RateLimitedError('slow down'), false],
    [new InternalError('boom'), false],
    [new ForbiddenError('wrong internal token'), false],
    [new TypeError('cannot read properties of undefined'), false],
  ])('%s is permanent: %s', (error, permanent) => {
    expect(classifyFailure(error).permanent).toBe(permanent);
  });

  it('does not read the message text: a transient DeliveryError saying "permanent" stays transient', () => {
    expect(classifyFailure(new DeliveryError('550 permanent failure', false)).permanent).toBe(false);
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
