import { join } from 'node:path';
import { ConfigError } from '@herald/config';
import { DEV_ADMIN_API_KEY, loadGatewayConfig } from './config';

describe('loadGatewayConfig', () => {
  it('works on a developer machine with no environment', () => {
    const config = loadGatewayConfig({});
    expect(config).toMatchObject({
      PORT: 8000,
      USERS_URL: 'http://127.0.0.1:8001/graphql',
      TEMPLATES_URL: 'http://127.0.0.1:8002/graphql',
      NOTIFICATIONS_URL: 'http://127.0.0.1:8005/graphql',
      HERALD_ADMIN_API_KEY: DEV_ADMIN_API_KEY,
      BODY_LIMIT: '1mb',
      USERS_GRPC: '127.0.0.1:50051',
      NOTIFICATIONS_GRPC: '127.0.0.1:50053',
      REDIS_URL: 'redis://127.0.0.1:6379',
      CREDENTIAL_CACHE_TTL_MS: 10_000,
      RATE_LIMIT_PER_SECOND: 20,
      RATE_LIMIT_BURST: 40,
      GRAPHQL_MAX_TOKENS: 1000,
      GRAPHQL_MAX_DEPTH: 12,
      GRAPHQL_MAX_ALIASES: 30,
      GRAPHQL_MAX_DIRECTIVES: 50,
      GRAPHQL_MAX_FRAGMENT_SPREADS: 50,
    });
    expect(config.SUPERGRAPH_PATH).toBe(join(__dirname, '..', 'supergraph.graphql'));
  });

  it.each([
    ['the dev default', DEV_ADMIN_API_KEY],
    ['a short key', 'short-but-not-default'],
  ])('refuses %s as HERALD_ADMIN_API_KEY in production', (_case, key) => {
    const load = () => loadGatewayConfig({ NODE_ENV: 'production', HERALD_ADMIN_API_KEY: key });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/HERALD_ADMIN_API_KEY/);
  });

  it('accepts a long secret in production', () => {
    const key = 'a-production-secret-of-sufficient-length';
    expect(
      loadGatewayConfig({
        NODE_ENV: 'production',
        HERALD_ADMIN_API_KEY: key,
        INTERNAL_TOKEN: 'a-production-token',
        UNSUBSCRIBE_SECRET: 'a-production-unsubscribe-secret-0123456789',
      }).HERALD_ADMIN_API_KEY,
    ).toBe(key);
  });

  it('refuses the development unsubscribe secret in production', () => {
    expect(() =>
      loadGatewayConfig({
        NODE_ENV: 'production',
        HERALD_ADMIN_API_KEY: 'a-production-secret-of-sufficient-length',
        INTERNAL_TOKEN: 'a-production-token',
      }),
    ).toThrow(/UNSUBSCRIBE_SECRET .*production/);
  });

  it.each([
    ['USERS_URL', 'postgres://somewhere'],
    ['PORT', 'eighty'],
    ['BODY_LIMIT', 'lots'],
    ['REDIS_URL', 'http://redis'],
    ['RATE_LIMIT_PER_SECOND', '0'],
    ['RATE_LIMIT_BURST', '1.5'],
    ['GRAPHQL_MAX_TOKENS', '0'],
    ['GRAPHQL_MAX_FRAGMENT_SPREADS', 'many'],
  ])('names %s when it is invalid', (variable, value) => {
    expect(() => loadGatewayConfig({ [variable]: value })).toThrow(
      new RegExp(`invalid configuration: ${variable}`),
    );
  });
});
