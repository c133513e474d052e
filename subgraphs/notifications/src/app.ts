import { composeApp, type ServiceApp } from '@herald/lifecycle';
import type { Logger } from '@herald/logging';
import { createMetricsRegistry } from '@herald/observability';
import { composeConnections } from './compose-connections';
import { composeGraphql } from './compose-graphql';
import { composeGrpc } from './compose-grpc';
import { composeHealth } from './compose-health';
import { composeLoops } from './compose-loops';
import { composeMetrics } from './compose-metrics';
import { composePeers } from './compose-peers';
import { composeUseCases } from './compose-use-cases';
import type { NotificationsConfig } from './config';
import { createStatusFeed } from './redis/status-feed';
import type { Clock } from './use-cases/ports';

const SERVICE = 'notifications';
/** How long start-up waits for the change subscriptions before serving without them (fail open). */
const SUBSCRIBE_WAIT_MS = 2000;

/** Seams for component tests; production passes none. */
export interface AppOverrides {
  /** The clock of every use case and loop (scheduling, quiet hours). */
  readonly clock?: Clock;
  /** Runs in the relay between the broker's confirms and recording them (crash simulation). */
  readonly beforeRelayRecord?: () => Promise<void>;
}

/** The composition root: connections, use cases, GraphQL and gRPC servers, the relay, scheduler and sweeper loops. */
export function createApp(
  config: NotificationsConfig,
  log: Logger,
  { clock = { now: () => new Date() }, beforeRelayRecord }: AppOverrides = {},
): Promise<ServiceApp> {
  return composeApp(log, async (cleanup) => {
    const { db, broker, redis } = await composeConnections(config, log, cleanup);
    const registry = createMetricsRegistry(SERVICE);
    const peers = composePeers(config, { redis, registry, log }, cleanup);
    const { metrics, queues } = composeMetrics({ db, broker, registry, log });
    const statusFeed = createStatusFeed(redis, metrics.unpublishedEvents, log);
    const loops = composeLoops(config, { db, broker, statusFeed, metrics, clock, beforeRelayRecord, log });
    const health = composeHealth(SERVICE, { db, broker, peers, registry });
    const useCases = composeUseCases({
      db,
      redis,
      peers,
      statusFeed,
      metrics,
      registry,
      clock,
      onQueued: () => loops.relay.kick(),
      log,
    });
    const graphql = composeGraphql(config, { useCases, health, queues, clock, registry, log });
    const grpc = composeGrpc(config, { useCases, registry, log });

    // Started inside out and stopped in reverse: GraphQL intake closes first, then the
    // sweeper, the scheduler and the relay, then the workers' status reports, then the connections.
    return async () => {
      await peers.listenForChanges(SUBSCRIBE_WAIT_MS);
      cleanup.defer('gRPC server', () => grpc.close());
      const grpcPort = await grpc.listen(config.GRPC_PORT);
      loops.relay.start();
      cleanup.defer('outbox relay', () => loops.relay.stop());
      loops.scheduler.start();
      cleanup.defer('scheduler', () => loops.scheduler.stop());
      loops.sweeper.start();
      cleanup.defer('sweeper', () => loops.sweeper.stop());
      cleanup.defer('GraphQL server', () => graphql.close());
      // First step of stop: callers' health checks move away while everything still serves.
      cleanup.defer('gRPC health', () => grpc.drain());
      const httpPort = await graphql.listen(config.PORT);
      log.info({ http: httpPort, grpc: grpcPort }, 'notifications service started');
      return { http: httpPort, grpc: grpcPort };
    };
  });
}
