import { DatabaseError } from 'pg';
import { QueryFailedError } from 'typeorm';
import { UnavailableError } from '@herald/errors';
import { asOutage, markConnectFailure, markConnectionLost } from './outages';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('asOutage', () => {
  it.each([
    ['a refused connection', withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    ['a server shutting down (57P01)', withCode('terminating connection', '57P01')],
    [
      'a connection failure inside a TypeORM error',
      new QueryFailedError('SELECT 1', [], withCode('x', '08006')),
    ],
  ])('turns %s into a retryable UnavailableError with the driver error as its cause', (_case, error) => {
    const seen = asOutage(error);
    expect(seen).toBeInstanceOf(UnavailableError);
    expect(seen).toMatchObject({ retryable: true, message: 'the database is unavailable; retry shortly' });
    expect((seen as UnavailableError).cause).toBe(error);
  });

  it('knows a connection lost mid-query by the connection reporting it, not by its text', () => {
    const lost = new Error('Connection terminated unexpectedly');
    expect(asOutage(new QueryFailedError('SELECT 1', [], lost))).not.toBeInstanceOf(UnavailableError);
    markConnectionLost(lost);
    expect(asOutage(new QueryFailedError('SELECT 1', [], lost))).toBeInstanceOf(UnavailableError);
    expect(asOutage(lost)).toBeInstanceOf(UnavailableError);
  });

  it('knows a pool wait that timed out by the pool reporting it as a connect failure', () => {
    const timedOut = new Error('timeout exceeded when trying to connect');
    markConnectFailure(timedOut);
    expect(asOutage(timedOut)).toBeInstanceOf(UnavailableError);
  });

  it('keeps a server refusing a connection for another reason (a wrong password) as it is', () => {
    const refused = Object.assign(new DatabaseError('password authentication failed', 0, 'error'), {
      code: '28P01',
    });
    markConnectFailure(refused);
    expect(asOutage(refused)).toBe(refused);
  });

  it.each([
    ['a unique violation', withCode('duplicate key', '23505')],
    ['a syntax error', new QueryFailedError('SELEC 1', [], withCode('syntax error', '42601'))],
    ['a plain bug', new TypeError('cannot read properties of undefined')],
    ['not an error at all', undefined],
  ])('does not mistake %s for an outage', (_case, error) => {
    expect(asOutage(error)).toBe(error);
  });
});
