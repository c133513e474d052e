import { ERROR_CODES, type ErrorCode } from './error-codes';
import {
  BadUserInputError,
  InternalError,
  UnavailableError,
  errorFromCode,
  errorFromPeer,
} from './herald-error';

describe('errorFromCode', () => {
  it('rebuilds an error of the same code for every code in the table', () => {
    for (const code of Object.keys(ERROR_CODES) as ErrorCode[]) {
      expect(errorFromCode(code, 'x').code).toBe(code);
    }
  });

  it('rebuilds a BadUserInputError with its field issues', () => {
    const issues = [{ field: 'email', message: 'is invalid' }];
    const error = errorFromCode('BAD_USER_INPUT', 'invalid input', { issues });
    expect(error).toBeInstanceOf(BadUserInputError);
    expect((error as BadUserInputError).issues).toEqual(issues);
  });

  it('marks only transient codes as retryable', () => {
    expect(errorFromCode('UNAVAILABLE', 'x').retryable).toBe(true);
    expect(errorFromCode('UNPROCESSABLE', 'x').retryable).toBe(false);
  });
});

describe('retryable', () => {
  it('is the class answer unless the error is built with one of its own', () => {
    expect(new InternalError('x').retryable).toBe(false);
    expect(new InternalError('x', {}, { retryable: true }).retryable).toBe(true);
    expect(new UnavailableError('x').retryable).toBe(true);
    expect(new UnavailableError('x', {}, { retryable: false }).retryable).toBe(false);
  });

  it('keeps the cause it is given, and adds none otherwise', () => {
    const cause = new Error('socket closed');
    expect(new UnavailableError('x', {}, { cause }).cause).toBe(cause);
    expect('cause' in new UnavailableError('x')).toBe(false);
  });
});

describe('errorFromPeer', () => {
  it('marks a peer’s INTERNAL, UNAUTHENTICATED and FORBIDDEN as retryable, unlike a client sees them', () => {
    for (const code of ['INTERNAL', 'UNAUTHENTICATED', 'FORBIDDEN'] as const) {
      expect(errorFromPeer(code, 'x')).toMatchObject({ code, retryable: true });
      expect(errorFromCode(code, 'x').retryable).toBe(false);
    }
  });

  it('keeps the class answer for every other code', () => {
    expect(errorFromPeer('UNAVAILABLE', 'x').retryable).toBe(true);
    expect(errorFromPeer('NOT_FOUND', 'x').retryable).toBe(false);
    expect(errorFromPeer('UNPROCESSABLE', 'x').retryable).toBe(false);
  });
});
