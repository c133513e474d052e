import type { RedisSettings } from '@herald/config';
import { createLogger, type Logger } from '@herald/logging';
import { createTestEnvironment } from '@herald/testkit';
import { connectRedis, type RedisConnection } from '../src';

/**
 * Connections under one test run's prefix, all closed (and the run's keys dropped) by `closeAll`.
 * Call `closeAll` from the suite's afterAll.
 */
export function redisConnections(service: string): {
  readonly log: Logger;
  readonly environment: ReturnType<typeof createTestEnvironment>;
  /** A connection to the shared Redis under the run's prefix, unless `settings` say otherwise. */
  open(settings?: Partial<RedisSettings>): RedisConnection;
  closeAll(): Promise<void>;
} {
  const log = createLogger({ service, level: 'silent' });
  const environment = createTestEnvironment();
  const opened: RedisConnection[] = [];
  return {
    log,
    environment,
    open(settings = {}) {
      const connection = connectRedis(
        { url: environment.redisUrl, prefix: environment.redisPrefix, ...settings },
        log,
      );
      opened.push(connection);
      return connection;
    },
    async closeAll() {
      await Promise.all(opened.map((connection) => connection.close()));
      await environment.cleanup();
    },
  };
}
