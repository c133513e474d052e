import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { dropDatabase } from '@herald/database';
import { deleteTopology } from './delete-topology';

export interface TestEnvironment {
  readonly runId: string;
  readonly amqpUrl: string;
  readonly redisUrl: string;
  /** Prefix for exchanges and queues of this run (AMQP_PREFIX). */
  readonly amqpPrefix: string;
  /** Prefix for Redis keys and channels of this run (REDIS_PREFIX). */
  readonly redisPrefix: string;
  /** AMQP_URL, AMQP_PREFIX, REDIS_URL and REDIS_PREFIX: what a service needs to run isolated in this run. */
  readonly serviceEnv: Readonly<Record<string, string>>;
  /** A database URL unique to this run; the database is dropped by cleanup(). */
  databaseUrl(service: string): string;
  /** Drops this run's databases, deletes its queues and exchanges, and its Redis keys. */
  cleanup(): Promise<void>;
}

const DEFAULTS = {
  database: 'postgres://postgres@127.0.0.1:5432',
  amqp: 'amqp://guest:guest@127.0.0.1:5672',
  redis: 'redis://127.0.0.1:6379',
};

/** Isolates one test run on the shared PostgreSQL, RabbitMQ and Redis servers. */
export function createTestEnvironment(
  env: Record<string, string | undefined> = process.env,
): TestEnvironment {
  const runId = `t${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const databaseBase = env.TEST_DATABASE_URL ?? DEFAULTS.database;
  const amqpUrl = env.TEST_AMQP_URL ?? DEFAULTS.amqp;
  const redisUrl = env.TEST_REDIS_URL ?? DEFAULTS.redis;
  const databases = new Set<string>();
  const amqpPrefix = `${runId}.`;
  const redisPrefix = `${runId}:`;
  return {
    runId,
    amqpUrl,
    redisUrl,
    amqpPrefix,
    redisPrefix,
    serviceEnv: {
      AMQP_URL: amqpUrl,
      AMQP_PREFIX: amqpPrefix,
      REDIS_URL: redisUrl,
      REDIS_PREFIX: redisPrefix,
    },
    databaseUrl(service) {
      const url = new URL(databaseBase);
      url.pathname = `/herald_${service}_${runId}`;
      databases.add(url.toString());
      return url.toString();
    },
    async cleanup() {
      await Promise.all([...databases].map((url) => dropDatabase(url)));
      await deleteTopology(amqpUrl, amqpPrefix);
      await deleteRedisKeys(redisUrl, redisPrefix);
    },
  };
}

async function deleteRedisKeys(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, disconnectTimeout: 200 });
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    await redis.quit().catch(() => redis.disconnect());
  }
}
