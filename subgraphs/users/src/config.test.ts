import { ConfigError } from '@herald/config';
import { loadUsersConfig } from './config';

describe('loadUsersConfig', () => {
  it('defaults to the developer machine, with the users database appended', () => {
    expect(loadUsersConfig({})).toMatchObject({
      PORT: 8001,
      GRPC_PORT: 50051,
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/herald_users',
    });
  });

  it('keeps a database the URL already names', () => {
    expect(loadUsersConfig({ DATABASE_URL: 'postgres://u@db:5432/other' }).DATABASE_URL).toBe(
      'postgres://u@db:5432/other',
    );
  });

  it('names the variable that is wrong', () => {
    expect(() => loadUsersConfig({ GRPC_PORT: 'seventy' })).toThrow(ConfigError);
    expect(() => loadUsersConfig({ DATABASE_URL: 'mysql://127.0.0.1' })).toThrow(/DATABASE_URL/);
  });
});

describe('loadUsersConfig secrets', () => {
  it('refuses the development JWT secret in production, naming JWT_SECRET', () => {
    const production = { NODE_ENV: 'production', INTERNAL_TOKEN: 'a-real-internal-token' };
    expect(() => loadUsersConfig(production)).toThrow(ConfigError);
    expect(() => loadUsersConfig(production)).toThrow(/^invalid configuration: JWT_SECRET .*production/);
    const secret = 'x'.repeat(40);
    expect(loadUsersConfig({ ...production, JWT_SECRET: secret }).JWT_SECRET).toBe(secret);
  });

  it('refuses a JWT secret shorter than 32 characters', () => {
    expect(() => loadUsersConfig({ JWT_SECRET: 'short' })).toThrow(/JWT_SECRET/);
  });

  it('never allows insecure push endpoints in production', () => {
    expect(() =>
      loadUsersConfig({
        NODE_ENV: 'production',
        INTERNAL_TOKEN: 'a-real-internal-token',
        JWT_SECRET: 'y'.repeat(40),
        ALLOW_INSECURE_PUSH_ENDPOINTS: 'true',
      }),
    ).toThrow(/ALLOW_INSECURE_PUSH_ENDPOINTS/);
  });
});
