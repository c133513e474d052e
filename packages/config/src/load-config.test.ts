import { z } from 'zod';
import { amqpEnv, commonEnv, databaseEnv, databaseUrlFor } from './common-env';
import { envGrpcAddress } from './env-schemas';
import { ConfigError } from './config-error';
import { UnreachableDependencyError, loadConfig } from './load-config';

const schema = z.object({ ...commonEnv, ...databaseEnv, ...amqpEnv });

describe('loadConfig', () => {
  it('gives working developer defaults for an empty environment', () => {
    const config = loadConfig(schema, {});
    expect(config.DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432');
    expect(config.AMQP_URL).toEqual(['amqp://guest:guest@127.0.0.1:5672']);
    expect(config.AMQP_QUEUE_TYPE).toBe('classic');
    expect(config.LOG_LEVEL).toBe('info');
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('names the bad variable in a one-line message', () => {
    const load = () => loadConfig(schema, { AMQP_URL: 'http://localhost' });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/^invalid configuration: AMQP_URL .*amqp/);
    expect(() => load()).not.toThrow(/\n/);
  });

  it('reads AMQP_URL as a comma-separated list of nodes and names a bad entry by its position', () => {
    const nodes = 'amqp://guest:guest@10.0.0.1:5672, amqps://guest:guest@10.0.0.2:5671';
    expect(loadConfig(schema, { AMQP_URL: nodes }).AMQP_URL).toEqual([
      'amqp://guest:guest@10.0.0.1:5672',
      'amqps://guest:guest@10.0.0.2:5671',
    ]);
    expect(() => loadConfig(schema, { AMQP_URL: 'amqp://a:5672,http://secret@b' })).toThrow(
      /^invalid configuration: AMQP_URL is invalid: entry 2 of 2 must be a URL with protocol amqp or amqps$/,
    );
    expect(() => loadConfig(schema, { AMQP_QUEUE_TYPE: 'stream' })).toThrow(/AMQP_QUEUE_TYPE/);
  });

  it('refuses the development internal token in production', () => {
    expect(() => loadConfig(schema, { NODE_ENV: 'production' })).toThrow(/INTERNAL_TOKEN .*production/);
    expect(
      loadConfig(schema, { NODE_ENV: 'production', INTERNAL_TOKEN: 'a-real-secret-token' }).INTERNAL_TOKEN,
    ).toBe('a-real-secret-token');
  });

  it('rejects a malformed DATABASE_URL', () => {
    expect(() => loadConfig(schema, { DATABASE_URL: 'not a url' })).toThrow(/DATABASE_URL/);
  });
});

describe('envGrpcAddress', () => {
  const schema = z.object({ USERS_GRPC: envGrpcAddress('127.0.0.1:50051') });

  it.each(['users:50051', '[::1]:50051', 'dns:///users:50051'])('accepts %s', (address) => {
    expect(loadConfig(schema, { USERS_GRPC: address }).USERS_GRPC).toBe(address);
  });

  it.each(['users', 'http://users:50051', 'dns:///users'])('names USERS_GRPC for %s', (address) => {
    expect(() => loadConfig(schema, { USERS_GRPC: address })).toThrow(/USERS_GRPC/);
  });
});

describe('databaseUrlFor', () => {
  it("appends the service's database to a server URL", () => {
    expect(databaseUrlFor('postgres://postgres@127.0.0.1:5432', 'herald_users')).toBe(
      'postgres://postgres@127.0.0.1:5432/herald_users',
    );
  });

  it('keeps a database the URL already names', () => {
    expect(databaseUrlFor('postgres://u@db:5432/custom', 'herald_users')).toBe('postgres://u@db:5432/custom');
  });
});

describe('UnreachableDependencyError', () => {
  it('names the variable and the cause on one line', () => {
    const cause = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    expect(new UnreachableDependencyError('AMQP_URL', cause).message).toBe(
      'cannot start: AMQP_URL is unreachable (connect ECONNREFUSED 127.0.0.1:1)',
    );
  });
});
