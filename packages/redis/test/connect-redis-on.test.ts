import { CleanupStack } from '@herald/lifecycle';
import { waitFor } from '@herald/testkit';
import { connectRedisOn } from '../src';
import { redisConnections } from './redis-connections';

const { log, environment, closeAll } = redisConnections('redis-on-test');

afterAll(closeAll);

describe('connectRedisOn', () => {
  it('connects for the app and closes the connection when the app cleans up', async () => {
    const cleanup = new CleanupStack(log);
    const redis = connectRedisOn(
      cleanup,
      { url: environment.redisUrl, prefix: environment.redisPrefix },
      log,
    );
    await waitFor(() => redis.check().then(() => true), { description: 'redis ready' });

    await cleanup.dispose();
    await expect(redis.check()).rejects.toThrow('Connection is closed');
  });
});
