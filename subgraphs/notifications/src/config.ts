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
  redisSettingsOf,
  requireSentinelPair,
} from '@herald/config';

/** A status's time bound in ms (tests set short ones). */
const statusBound = (defaultMs: number) => z.coerce.number().int().min(1).default(defaultMs);

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
    /**
     * Status time bounds (ARCHITECTURE.md §5, decision 0019): past them the sweeper resolves a
     * notification FAILED with the reason. SENDING waits for a provider's answer and its report;
     * RETRYING for the longest retry step (10 min) and its queue; QUEUED for a backlog to drain;
     * SCHEDULED counts from the due time.
     */
    STATUS_BOUND_ACCEPTED_MS: statusBound(3_600_000),
    STATUS_BOUND_SCHEDULED_MS: statusBound(3_600_000),
    STATUS_BOUND_QUEUED_MS: statusBound(21_600_000),
    STATUS_BOUND_SENDING_MS: statusBound(900_000),
    STATUS_BOUND_RETRYING_MS: statusBound(1_800_000),
    SWEEPER_POLL_MS: z.coerce.number().int().min(10).default(60_000),
    ...redisEnv,
    ...lookupCacheEnv,
  })
  .superRefine(requireSentinelPair)
  .transform((env) => ({
    nodeEnv: env.NODE_ENV,
    logLevel: env.LOG_LEVEL,
    internalToken: env.INTERNAL_TOKEN,
    port: env.PORT,
    grpcPort: env.GRPC_PORT,
    databaseUrl: databaseUrlFor(env.DATABASE_URL, 'herald_notifications'),
    amqp: { urls: env.AMQP_URL, prefix: env.AMQP_PREFIX, queueType: env.AMQP_QUEUE_TYPE },
    grpcClients: {
      usersAddress: env.USERS_GRPC,
      templatesAddress: env.TEMPLATES_GRPC,
      deadlineMs: env.GRPC_DEADLINE_MS,
    },
    outbox: { pollMs: env.OUTBOX_POLL_MS, batchSize: env.OUTBOX_BATCH_SIZE },
    scheduler: { pollMs: env.SCHEDULER_POLL_MS },
    sweeper: {
      pollMs: env.SWEEPER_POLL_MS,
      bounds: {
        ACCEPTED: env.STATUS_BOUND_ACCEPTED_MS,
        SCHEDULED: env.STATUS_BOUND_SCHEDULED_MS,
        QUEUED: env.STATUS_BOUND_QUEUED_MS,
        SENDING: env.STATUS_BOUND_SENDING_MS,
        RETRYING: env.STATUS_BOUND_RETRYING_MS,
      },
    },
    redis: redisSettingsOf(env),
    lookupCacheMs: env.LOOKUP_CACHE_MS,
  }));

export type NotificationsConfig = Readonly<z.output<typeof notificationsEnv>>;

export function loadNotificationsConfig(env: Record<string, string | undefined>): NotificationsConfig {
  return loadConfig(notificationsEnv, env);
}
