import { z } from 'zod';
import { redisEnv, redisSettingsOf, requireSentinelPair } from './common-env';
import { loadConfig } from './load-config';

const schema = z.object(redisEnv).superRefine(requireSentinelPair);
const load = (env: Record<string, string>) => redisSettingsOf(loadConfig(schema, env));

describe('Redis settings', () => {
  it('connects to the one server of REDIS_URL by default', () => {
    expect(load({})).toEqual({ url: 'redis://127.0.0.1:6379', prefix: '' });
    expect(load({ REDIS_SENTINELS: '', REDIS_SENTINEL_NAME: '' }).sentinel).toBeUndefined();
  });

  it('selects Sentinel mode with both variables, keeping REDIS_URL for credentials and database', () => {
    expect(
      load({
        REDIS_URL: 'rediss://:secret@ignored:6379/2',
        REDIS_SENTINELS: 's1:26379, 10.0.0.2:26380,[::1]:26381',
        REDIS_SENTINEL_NAME: 'herald',
      }),
    ).toEqual({
      url: 'rediss://:secret@ignored:6379/2',
      prefix: '',
      sentinel: {
        addresses: [
          { host: 's1', port: 26379 },
          { host: '10.0.0.2', port: 26380 },
          { host: '::1', port: 26381 },
        ],
        name: 'herald',
      },
    });
  });

  it('refuses one Sentinel variable without the other, naming the missing one', () => {
    expect(() => load({ REDIS_SENTINELS: 's1:26379' })).toThrow(
      /^invalid configuration: REDIS_SENTINEL_NAME .*REDIS_SENTINELS and REDIS_SENTINEL_NAME together/,
    );
    expect(() => load({ REDIS_SENTINEL_NAME: 'herald' })).toThrow(/^invalid configuration: REDIS_SENTINELS /);
  });

  it('refuses a sentinel address that is not host:port', () => {
    expect(() => load({ REDIS_SENTINELS: 's1:26379,s2', REDIS_SENTINEL_NAME: 'herald' })).toThrow(
      /REDIS_SENTINELS .*entry 2 must be host:port/,
    );
    expect(() => load({ REDIS_SENTINELS: 's1:99999', REDIS_SENTINEL_NAME: 'herald' })).toThrow(/entry 1/);
  });
});
