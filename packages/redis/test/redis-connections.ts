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
  open(url?: string): RedisConnection;
  closeAll(): Promise<void>;
} {
  const log = createLogger({ service, level: 'silent' });
  const environment = createTestEnvironment();
  const opened: RedisConnection[] = [];
  return {
    log,
    environment,
    open(url = environment.redisUrl) {
      const connection = connectRedis(url, environment.redisPrefix, log);
      opened.push(connection);
      return connection;
    },
    async closeAll() {
      await Promise.all(opened.map((connection) => connection.close()));
      await environment.cleanup();
    },
  };
}
