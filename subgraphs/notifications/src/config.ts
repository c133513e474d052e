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
  lookupCacheEnv,
  redisEnv,
  requireSentinelPair,
} from '@herald/config';
import type { StatusBounds } from './domain/status-bounds';

/** Where a service answers HTTP; its /ready is asked at the root (a subgraph's /graphql URL works too). */
const serviceUrl = (defaultUrl: string) => envUrl(['http:', 'https:']).default(defaultUrl);

/** A status's time bound in ms (tests set short ones). */
const statusBound = (defaultMs: number) => z.coerce.number().int().min(1).default(defaultMs);

const notificationsEnv = z
  .object({
    ...commonEnv,
    DATABASE_URL: databaseEnv.DATABASE_URL.transform((url) => databaseUrlFor(url, 'herald_notifications')),
    ...amqpEnv,
    PORT: envPort(8005),
    GRPC_PORT: envPort(50053),
    USERS_GRPC: envGrpcAddress('127.0.0.1:50051'),
    TEMPLATES_GRPC: envGrpcAddress('127.0.0.1:50052'),
    /** The services systemStatus asks for their /ready report. */
    GATEWAY_URL: serviceUrl('http://127.0.0.1:8000'),
    USERS_URL: serviceUrl('http://127.0.0.1:8001/graphql'),
    TEMPLATES_URL: serviceUrl('http://127.0.0.1:8002/graphql'),
    EMAIL_WORKER_URL: serviceUrl('http://127.0.0.1:8003'),
    PUSH_WORKER_URL: serviceUrl('http://127.0.0.1:8004'),
    /** How long systemStatus waits for one service's /ready or the broker's queue depths. */
    SYSTEM_PROBE_TIMEOUT_MS: z.coerce.number().int().min(100).max(30_000).default(3000),
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
     * Status time bounds (docs/architecture.md, Statuses; decision 0019): past them the sweeper
     * resolves a notification FAILED with the reason. SENDING waits for a provider's answer and its report;
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
  .superRefine(requireSentinelPair);

export type NotificationsConfig = Readonly<z.output<typeof notificationsEnv>>;

export function loadNotificationsConfig(env: Record<string, string | undefined>): NotificationsConfig {
  return loadConfig(notificationsEnv, env);
}

/** Each bounded status's time bound, as the sweeper takes them. */
export function statusBoundsOf(
  config: Pick<
    NotificationsConfig,
    | 'STATUS_BOUND_ACCEPTED_MS'
    | 'STATUS_BOUND_SCHEDULED_MS'
    | 'STATUS_BOUND_QUEUED_MS'
    | 'STATUS_BOUND_SENDING_MS'
    | 'STATUS_BOUND_RETRYING_MS'
  >,
): StatusBounds {
  return {
    ACCEPTED: config.STATUS_BOUND_ACCEPTED_MS,
    SCHEDULED: config.STATUS_BOUND_SCHEDULED_MS,
    QUEUED: config.STATUS_BOUND_QUEUED_MS,
    SENDING: config.STATUS_BOUND_SENDING_MS,
    RETRYING: config.STATUS_BOUND_RETRYING_MS,
  };
}

/** The services systemStatus asks for their /ready report, in the order it lists them. */
export function systemStatusPeersOf(
  config: Pick<
    NotificationsConfig,
    'GATEWAY_URL' | 'USERS_URL' | 'TEMPLATES_URL' | 'EMAIL_WORKER_URL' | 'PUSH_WORKER_URL'
  >,
): readonly { readonly name: string; readonly url: string }[] {
  return [
    { name: 'gateway', url: config.GATEWAY_URL },
    { name: 'users', url: config.USERS_URL },
    { name: 'templates', url: config.TEMPLATES_URL },
    { name: 'email-worker', url: config.EMAIL_WORKER_URL },
    { name: 'push-worker', url: config.PUSH_WORKER_URL },
  ];
}
