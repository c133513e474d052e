import { ConfigError, redisSettingsOf } from '@herald/config';
import { loadNotificationsConfig, statusBoundsOf } from './config';

describe('notifications config', () => {
  it('serves a developer machine by default', () => {
    const config = loadNotificationsConfig({});
    expect(config).toMatchObject({
      PORT: 8005,
      GRPC_PORT: 50053,
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/herald_notifications',
      AMQP_URL: ['amqp://guest:guest@127.0.0.1:5672'],
      AMQP_PREFIX: '',
      AMQP_QUEUE_TYPE: 'classic',
      USERS_GRPC: '127.0.0.1:50051',
      TEMPLATES_GRPC: '127.0.0.1:50052',
      GRPC_DEADLINE_MS: 5000,
      OUTBOX_POLL_MS: 1000,
      OUTBOX_BATCH_SIZE: 500,
      SCHEDULER_POLL_MS: 1000,
      SWEEPER_POLL_MS: 60_000,
    });
    expect(statusBoundsOf(config)).toEqual({
      ACCEPTED: 3_600_000,
      SCHEDULED: 3_600_000,
      QUEUED: 21_600_000,
      SENDING: 900_000,
      RETRYING: 1_800_000,
    });
    expect(redisSettingsOf(config)).toEqual({ url: 'redis://127.0.0.1:6379', prefix: '' });
  });

  it('keeps a database named in DATABASE_URL', () => {
    expect(loadNotificationsConfig({ DATABASE_URL: 'postgres://db.internal:5432/other' }).DATABASE_URL).toBe(
      'postgres://db.internal:5432/other',
    );
  });

  it('refuses REDIS_SENTINEL_NAME without REDIS_SENTINELS, and passes both on as Sentinel mode', () => {
    expect(() => loadNotificationsConfig({ REDIS_SENTINEL_NAME: 'herald' })).toThrow(
      /^invalid configuration: REDIS_SENTINELS /,
    );
    expect(
      redisSettingsOf(
        loadNotificationsConfig({ REDIS_SENTINEL_NAME: 'herald', REDIS_SENTINELS: 'sentinel:26379' }),
      ).sentinel,
    ).toEqual({ addresses: [{ host: 'sentinel', port: 26379 }], name: 'herald' });
  });

  it.each([
    ['USERS_GRPC', 'http://users:50051'],
    ['OUTBOX_BATCH_SIZE', '0'],
    ['OUTBOX_POLL_MS', 'soon'],
    ['GRPC_PORT', '70000'],
    ['AMQP_URL', 'http://rabbit'],
    ['REDIS_URL', 'http://redis'],
    ['SCHEDULER_POLL_MS', '5'],
    ['STATUS_BOUND_SENDING_MS', '0'],
    ['STATUS_BOUND_QUEUED_MS', 'an hour'],
  ])('names %s when it is invalid', (variable, value) => {
    expect(() => loadNotificationsConfig({ [variable]: value })).toThrow(ConfigError);
    expect(() => loadNotificationsConfig({ [variable]: value })).toThrow(
      new RegExp(`^invalid configuration: ${variable} `),
    );
  });
});
