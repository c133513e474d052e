import { z } from 'zod';
import {
  amqpEnv,
  commonEnv,
  databaseEnv,
  databaseUrlFor,
  envGrpcAddress,
  envPort,
  loadConfig,
  lookupCacheEnv,
  redisEnv,
} from '@herald/config';

const notificationsEnv = z
  .object({
    ...commonEnv,
    ...databaseEnv,
    ...amqpEnv,
    PORT: envPort(8005),
    GRPC_PORT: envPort(50053),
    USERS_GRPC: envGrpcAddress('127.0.0.1:50051'),
    TEMPLATES_GRPC: envGrpcAddress('127.0.0.1:50052'),
    OUTBOX_POLL_MS: z.coerce.number().int().min(10).default(1000),
    /**
     * Rows per relay pass. A pass costs about the same whatever its size (a claim, the broker's
     * confirms, three writes, a commit, each waiting its turn on a busy event loop): while bulk
     * accepts ran on a loaded machine a pass took 3 to 4 s, so 100 rows a pass queued about 30
     * notifications/s behind 1,000/s accepted, and 500 about 140/s. The scheduler's releases share it.
     */
    OUTBOX_BATCH_SIZE: z.coerce.number().int().min(1).max(1000).default(500),
    SCHEDULER_POLL_MS: z.coerce.number().int().min(10).default(1000),
    ...redisEnv,
    ...lookupCacheEnv,
  })
  .transform((env) => ({
    nodeEnv: env.NODE_ENV,
    logLevel: env.LOG_LEVEL,
    internalToken: env.INTERNAL_TOKEN,
    port: env.PORT,
    grpcPort: env.GRPC_PORT,
    databaseUrl: databaseUrlFor(env.DATABASE_URL, 'herald_notifications'),
    amqp: { url: env.AMQP_URL, prefix: env.AMQP_PREFIX },
    grpcClients: {
      usersAddress: env.USERS_GRPC,
      templatesAddress: env.TEMPLATES_GRPC,
      deadlineMs: env.GRPC_DEADLINE_MS,
    },
    outbox: { pollMs: env.OUTBOX_POLL_MS, batchSize: env.OUTBOX_BATCH_SIZE },
    scheduler: { pollMs: env.SCHEDULER_POLL_MS },
    redis: { url: env.REDIS_URL, prefix: env.REDIS_PREFIX },
    lookupCacheMs: env.LOOKUP_CACHE_MS,
  }));

export type NotificationsConfig = Readonly<z.output<typeof notificationsEnv>>;

export function loadNotificationsConfig(env: Record<string, string | undefined>): NotificationsConfig {
  return loadConfig(notificationsEnv, env);
}
