import type { DataSource } from 'typeorm';
import { redisSettingsOf, type RedisEnv } from '@herald/config';
import { openDataSourceOn } from '@herald/database';
import type { CleanupStack } from '@herald/lifecycle';
import type { Logger } from '@herald/logging';
import { connectRedisOn, type RedisConnection } from '@herald/redis';
import type { TemplatesConfig } from './config';
import { CreateTemplates1720000000000 } from './store/migrations/1720000000000-create-templates';
import { OnePublishedVersionPerLocale1720000000001 } from './store/migrations/1720000000001-one-published-version-per-locale';
import { TemplateEntity } from './store/template.entity';
import { TemplateVersionEntity } from './store/template-version.entity';

export interface Connections {
  readonly db: DataSource;
  /** Carries publish invalidations to every replica; the service runs on without it. */
  readonly redis: RedisConnection;
}

/** PostgreSQL (migrated) and Redis, opened in that order and closed last, in reverse. */
export async function composeConnections(
  config: Pick<TemplatesConfig, 'DATABASE_URL'> & RedisEnv,
  log: Logger,
  cleanup: CleanupStack,
): Promise<Connections> {
  const db = await openDataSourceOn(cleanup, {
    url: config.DATABASE_URL,
    entities: [TemplateEntity, TemplateVersionEntity],
    migrations: [CreateTemplates1720000000000, OnePublishedVersionPerLocale1720000000001],
  });
  const redis = connectRedisOn(cleanup, redisSettingsOf(config), log);
  return { db, redis };
}
