import { ERROR_CODES, type ErrorCode } from './error-codes';
import { BadUserInputError, errorFromCode } from './herald-error';

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
