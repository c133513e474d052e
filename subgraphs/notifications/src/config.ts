import { z } from 'zod';
import {
  amqpEnv,
  commonEnv,
  databaseEnv,
  databaseUrlFor,
  envGrpcAddress,
  envPort,
  envUrl,
  loadConfig,
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
    OUTBOX_BATCH_SIZE: z.coerce.number().int().min(1).max(1000).default(100),
    SCHEDULER_POLL_MS: z.coerce.number().int().min(10).default(1000),
    REDIS_URL: envUrl(['redis:', 'rediss:']).default('redis://127.0.0.1:6379'),
    REDIS_PREFIX: z.string().default(''),
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
  }));

export type NotificationsConfig = Readonly<z.output<typeof notificationsEnv>>;

export function loadNotificationsConfig(env: Record<string, string | undefined>): NotificationsConfig {
  return loadConfig(notificationsEnv, env);
}
