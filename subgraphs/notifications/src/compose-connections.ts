import type { DataSource } from 'typeorm';
import { connectBrokerLink, type BrokerLink } from '@herald/amqp';
import { redisSettingsOf, type RedisEnv } from '@herald/config';
import { openDataSourceOn } from '@herald/database';
import type { CleanupStack } from '@herald/lifecycle';
import type { Logger } from '@herald/logging';
import { connectRedisOn, type RedisConnection } from '@herald/redis';
import type { NotificationsConfig } from './config';
import { notificationsDatabase } from './store/notifications-database';

export interface Connections {
  readonly db: DataSource;
  readonly broker: BrokerLink;
  /** Fail-open: the idempotency fast path, the caches' change feeds and the status channel. */
  readonly redis: RedisConnection;
}

/** PostgreSQL, RabbitMQ and Redis, opened in that order and closed last, in reverse. */
export async function composeConnections(
  config: Pick<NotificationsConfig, 'DATABASE_URL' | 'AMQP_URL' | 'AMQP_PREFIX' | 'AMQP_QUEUE_TYPE'> &
    RedisEnv,
  log: Logger,
  cleanup: CleanupStack,
): Promise<Connections> {
  const db = await openDataSourceOn(cleanup, notificationsDatabase(config.DATABASE_URL));
  const broker = cleanup.push(
    'amqp',
    await connectBrokerLink({
      urls: config.AMQP_URL,
      prefix: config.AMQP_PREFIX,
      log,
      connectOptions: { queueType: config.AMQP_QUEUE_TYPE },
    }),
    (link) => link.close(),
  );
  const redis = connectRedisOn(cleanup, redisSettingsOf(config), log);
  return { db, broker, redis };
}
