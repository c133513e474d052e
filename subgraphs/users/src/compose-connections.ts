import type { DataSource } from 'typeorm';
import { redisSettingsOf, type RedisEnv } from '@herald/config';
import { openDataSourceOn } from '@herald/database';
import type { CleanupStack } from '@herald/lifecycle';
import type { Logger } from '@herald/logging';
import { connectRedisOn, type RedisConnection } from '@herald/redis';
import type { UsersConfig } from './config';
import { ApiKeyEntity } from './store/api-key.entity';
import { DeviceEntity } from './store/device.entity';
import { EmailSuppressionEntity } from './store/email-suppression.entity';
import { CreateUsers1732500000000 } from './store/migrations/1732500000000-create-users';
import { AddApiKeysAndDeviceState1732600000000 } from './store/migrations/1732600000000-add-api-keys-and-device-state';
import { AddEmailSuppressions1733300000000 } from './store/migrations/1733300000000-add-email-suppressions';
import { PreferencesEntity } from './store/preferences.entity';
import { UserEntity } from './store/user.entity';

export interface Connections {
  readonly db: DataSource;
  /** Fail-open: Redis only caches, so the service starts and serves without it. */
  readonly redis: RedisConnection;
}

/** PostgreSQL (migrated) and Redis, opened in that order and closed last, in reverse. */
export async function composeConnections(
  config: Pick<UsersConfig, 'DATABASE_URL'> & RedisEnv,
  log: Logger,
  cleanup: CleanupStack,
): Promise<Connections> {
  const db = await openDataSourceOn(cleanup, {
    url: config.DATABASE_URL,
    entities: [UserEntity, PreferencesEntity, DeviceEntity, ApiKeyEntity, EmailSuppressionEntity],
    migrations: [
      CreateUsers1732500000000,
      AddApiKeysAndDeviceState1732600000000,
      AddEmailSuppressions1733300000000,
    ],
  });
  const redis = connectRedisOn(cleanup, redisSettingsOf(config), log);
  return { db, redis };
}
