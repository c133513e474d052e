import { z } from 'zod';
import { envGrpcAddress, lookupCacheEnv, redisEnv, type amqpEnv, type CommonConfig } from '@herald/config';

/** Variables both workers read besides commonEnv and amqpEnv of @herald/config. */
export const workerEnv = {
  ...redisEnv,
  ...lookupCacheEnv,
  USERS_GRPC: envGrpcAddress('127.0.0.1:50051'),
  TEMPLATES_GRPC: envGrpcAddress('127.0.0.1:50052'),
  NOTIFICATIONS_GRPC: envGrpcAddress('127.0.0.1:50053'),
  /**
   * Messages in flight per worker process. A delivery mostly waits (gRPC, the provider, the
   * status batch), so throughput is about prefetch ÷ latency: 100 delivered 2.4× what 20 did in
   * the benchmark (0014). Messages already prefetched are not overtaken by a higher priority.
   */
  PREFETCH: z.coerce.number().int().min(1).max(1000).default(100),
  /** The attempt at which a transient failure fails the notification instead of retrying. */
  MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(5),
  /**
   * Retry step delays, comma-separated; unset, the default steps (docs/architecture.md, Queues).
   * Tests use short ones.
   */
  RETRY_STEPS_MS: z
    .string()
    .regex(/^\s*\d+(\s*,\s*\d+)*\s*$/, 'must be comma-separated milliseconds')
    .transform((value) => value.split(',').map((part) => Number(part.trim())))
    .refine((steps) => steps.every((step) => step >= 10), 'every step must be at least 10 ms')
    .optional(),
  /** Provider circuit breaker: sends in the window before it may open, error rate, open time, window. */
  BREAKER_VOLUME_THRESHOLD: z.coerce.number().int().min(1).default(5),
  BREAKER_ERROR_PERCENT: z.coerce.number().min(1).max(100).default(50),
  BREAKER_RESET_MS: z.coerce.number().int().min(10).default(30_000),
  BREAKER_WINDOW_MS: z.coerce.number().int().min(100).default(10_000),
  /** How long status reports wait to share one batch on the status stream; 0 sends without waiting. */
  STATUS_FLUSH_MS: z.coerce.number().int().min(0).max(1000).default(10),
  /**
   * How long a DELIVERED, FAILED or SKIPPED report may wait to ride in the next claim's batch
   * (one batch per notification instead of two at a low rate); its message's ack waits as long.
   * 0, not held at all: measured cheaper than 25 ms on the quiet bench (decision 0020).
   */
  STATUS_TERMINAL_LINGER_MS: z.coerce.number().int().min(0).max(1000).default(0),
  /**
   * How long a SENDING claim stays this worker's without a word from it (renewed every third of
   * it while a delivery runs). A copy of the message the broker gives another worker meanwhile
   * waits; a worker that died holding it delays that copy by up to this long (decision 0030).
   */
  CLAIM_LEASE_MS: z.coerce.number().int().min(1000).max(600_000).default(10_000),
  /** The oldest cached user or rendered template used while users or templates are unreachable. */
  PEER_CACHE_MAX_AGE_MS: z.coerce.number().int().min(0).default(600_000),
};

/**
 * The slice of a worker's config that createWorkerApp reads: workerEnv and amqpEnv whole, and of
 * the rest the health port and the gRPC token and deadline.
 */
export type WorkerConfig = Readonly<
  z.output<z.ZodObject<typeof workerEnv & typeof amqpEnv>> &
    Pick<CommonConfig, 'INTERNAL_TOKEN' | 'GRPC_DEADLINE_MS'> & { PORT: number }
>;
