import { redisSettingsOf, type RedisEnv } from '@herald/config';
import type { CleanupStack, ReadinessProbe } from '@herald/lifecycle';
import type { Logger } from '@herald/logging';
import type { MetricsRegistry } from '@herald/observability';
import {
  createGrpcClient,
  createGrpcHealthProbe,
  loadHeraldProto,
  type NotificationServiceDefinition,
  type PromiseClient,
  type UserServiceDefinition,
} from '@herald/proto';
import { connectRedisOn, type RedisConnection } from '@herald/redis';
import type { GatewayConfig } from './config';

export interface Peers {
  /** Meters requests and carries the status events; the gateway serves without it (fail open). */
  readonly redis: RedisConnection;
  readonly users: PromiseClient<UserServiceDefinition>;
  /** The REST shim's notification routes call it. */
  readonly notifications: PromiseClient<NotificationServiceDefinition>;
  /** The gRPC health of both, on /ready. */
  readonly probes: readonly ReadinessProbe[];
  /** Gives Redis at most `waitMs` to connect, so the first requests are metered; then serves without it. */
  waitForRedis(waitMs: number): Promise<void>;
}

/** Redis and the gRPC clients of users and notifications, closed last, in reverse. */
export function composePeers(
  config: Pick<GatewayConfig, 'INTERNAL_TOKEN' | 'GRPC_DEADLINE_MS' | 'USERS_GRPC' | 'NOTIFICATIONS_GRPC'> &
    RedisEnv,
  { registry, log }: { registry: MetricsRegistry; log: Logger },
  cleanup: CleanupStack,
): Peers {
  const redis = connectRedisOn(cleanup, redisSettingsOf(config), log);
  const { UserService, NotificationService } = loadHeraldProto().herald.v1;
  const clientOptions = {
    internalToken: config.INTERNAL_TOKEN,
    deadlineMs: config.GRPC_DEADLINE_MS,
    metrics: registry,
  };
  const users = createGrpcClient(UserService, config.USERS_GRPC, clientOptions);
  cleanup.defer('users grpc client', async () => users.close());
  const notifications = createGrpcClient(NotificationService, config.NOTIFICATIONS_GRPC, clientOptions);
  cleanup.defer('notifications grpc client', async () => notifications.close());
  const probes = [
    createGrpcHealthProbe('users_grpc', config.USERS_GRPC, UserService),
    createGrpcHealthProbe('notifications_grpc', config.NOTIFICATIONS_GRPC, NotificationService),
  ];
  cleanup.defer('gRPC health probes', () => probes.forEach((probe) => probe.close()));
  return { redis, users, notifications, probes, waitForRedis: (waitMs) => redisReady(redis.client, waitMs) };
}

async function redisReady(client: RedisConnection['client'], waitMs: number): Promise<void> {
  if (client.status === 'ready') return;
  // Not events.once: it rejects on the 'error' events a down Redis emits while reconnecting.
  await new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      client.off('ready', done);
      resolve();
    };
    const timer = setTimeout(done, waitMs);
    client.once('ready', done);
  });
}
