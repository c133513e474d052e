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
