import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { BadUserInputError, InternalError, UnavailableError } from '@herald/errors';
import { createLogger, runWithContext } from '@herald/logging';
import { createErrorFormatter } from './format-error';

describe('the gateway error formatter', () => {
  const format = createErrorFormatter(createLogger({ service: 'gateway-test', level: 'silent' }));
  const inRequest = <T>(fn: () => T) => runWithContext({ correlation_id: 'corr-1' }, fn);

  /** What Apollo does with an error before handing it to formatError. */
  function formatted(error: GraphQLError): GraphQLFormattedError {
    return error.toJSON();
  }

  it('keeps a subgraph error’s code, message and details, without internal extensions', () => {
    const downstream = new GraphQLError('template welcome not found', {
      path: ['notification', 'template'],
      extensions: { code: 'NOT_FOUND', serviceName: 'templates', stacktrace: ['at x'] },
    });
    expect(inRequest(() => format(formatted(downstream), downstream))).toEqual({
      message: 'template welcome not found',
      path: ['notification', 'template'],
      extensions: { code: 'NOT_FOUND' },
    });
  });

  it('keeps the field issues of a BAD_USER_INPUT from a subgraph', () => {
    const issues = [{ field: 'email', message: 'Invalid email' }];
    const downstream = new GraphQLError('invalid input: email Invalid email', {
      extensions: { code: 'BAD_USER_INPUT', issues, serviceName: 'users' },
    });
    expect(format(formatted(downstream), downstream).extensions).toEqual({ code: 'BAD_USER_INPUT', issues });
  });

  it('shows the gateway’s own HeraldErrors with their code and details', () => {
    const wrapped = new GraphQLError('x', {
      originalError: new BadUserInputError('bad', [{ field: 'a', message: 'b' }]),
    });
    expect(format(formatted(wrapped), wrapped)).toEqual({
      message: 'bad',
      extensions: { code: 'BAD_USER_INPUT', issues: [{ field: 'a', message: 'b' }] },
    });
  });

  it('reports an unreachable subgraph as UNAVAILABLE', () => {
    const wrapped = new GraphQLError('x', {
      originalError: new UnavailableError('the users service is unavailable; retry later'),
    });
    expect(format(formatted(wrapped), wrapped).extensions).toEqual({ code: 'UNAVAILABLE' });
  });

  it.each([
    ['an unexpected error', new Error('connect ECONNREFUSED 10.0.0.7:8001')],
    ['an internal HeraldError', new InternalError('subgraph users answered HTTP 401')],
  ])('masks %s with the correlation id', (_case, cause) => {
    const wrapped = new GraphQLError(cause.message, {
      originalError: cause,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(inRequest(() => format(formatted(wrapped), wrapped))).toEqual({
      message: 'internal error',
      extensions: { code: 'INTERNAL', correlationId: 'corr-1' },
    });
  });

  it('masks a subgraph error that carries no known code', () => {
    const downstream = new GraphQLError('relation "users" does not exist', {
      extensions: { code: 'DOWNSTREAM_SERVICE_ERROR', serviceName: 'users' },
    });
    expect(inRequest(() => format(formatted(downstream), downstream)).message).toBe('internal error');
  });

  it('passes GraphQL validation errors through', () => {
    const validation = new GraphQLError('Cannot query field "nope" on type "Query".', {
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
    expect(format(formatted(validation), validation)).toEqual(formatted(validation));
  });
});
