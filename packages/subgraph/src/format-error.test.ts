import { GraphQLError } from 'graphql';
import { BadUserInputError, UnavailableError } from '@herald/errors';
import { runWithContext } from '@herald/logging';
import { captureLog } from '@herald/testkit';
import { subgraphErrorFormatter } from './format-error';

function resolverError(original: Error): GraphQLError {
  return new GraphQLError(original.message, { path: ['sendNotification'], originalError: original });
}

describe('subgraphErrorFormatter', () => {
  it('hides an unexpected fault from the caller but logs it under the same correlation id', () => {
    const { log, lines } = captureLog('test');
    const format = subgraphErrorFormatter(log);
    const error = resolverError(new Error('invalid byte sequence for encoding "UTF8": 0x00'));
    const formatted = runWithContext({ correlation_id: 'c-42' }, () =>
      format({ message: error.message, path: ['sendNotification'] }, error),
    );
    expect(formatted).toMatchObject({
      message: 'internal error',
      extensions: { code: 'INTERNAL', correlationId: 'c-42' },
    });
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'error',
        correlation_id: 'c-42',
        message: 'internal error in a resolver',
        err: expect.objectContaining({ message: expect.stringContaining('0x00') }),
      }),
    ]);
  });

  it('passes a Herald error through with its code and logs nothing', () => {
    const { log, lines } = captureLog('test');
    const issues = [{ field: 'channel', message: 'is required' }];
    const error = resolverError(new BadUserInputError('channel is required', issues));
    const formatted = subgraphErrorFormatter(log)({ message: error.message }, error);
    expect(formatted).toMatchObject({
      message: 'channel is required',
      extensions: { code: 'BAD_USER_INPUT', issues },
    });
    expect(lines).toHaveLength(0);
  });

  it('answers UNAVAILABLE, not INTERNAL, when the database cannot be reached', () => {
    const { log, lines } = captureLog('test');
    // What @herald/database throws for a lost connection.
    const lost = new Error('Connection terminated unexpectedly');
    const error = resolverError(
      new UnavailableError('the database is unavailable; retry shortly', {}, { cause: lost }),
    );
    const formatted = subgraphErrorFormatter(log)({ message: error.message }, error);
    expect(formatted).toMatchObject({ extensions: { code: 'UNAVAILABLE' } });
    expect(formatted.message).toMatch(/database is unavailable/);
    expect(lines).toEqual([expect.objectContaining({ level: 'warn', message: 'dependency unavailable' })]);
  });
});
