import { connectBrokerLink, consumeAcrossReconnects, topologyNames } from '@herald/amqp';
import { redisSettingsOf } from '@herald/config';
import type { Logger } from '@herald/logging';
import { createMetricsRegistry, type MetricsRegistry } from '@herald/observability';
import {
  composeApp,
  type CleanupStack,
  createHealthHandler,
  startHealthServer,
  type BoundPorts,
  type ServiceApp,
  type StartApp,
} from '@herald/lifecycle';
import { createLocalCache } from '@herald/cache';
import { connectRedisOn, createChangeFeed, TEMPLATE_CHANGES, USER_CHANGES } from '@herald/redis';
import { createTemplateCompiler } from '@herald/rendering';
import type { DeliveryChannel, Recipient } from './delivery-channel';
import { createDeliveryHandler } from './delivery-handler';
import { createDeliveryMetrics } from './delivery-metrics';
import { createGrpcPeers } from './grpc-peers';
import type { FeedbackReporter, PushTokenRegistry } from './delivery-peers';
import { withFallbackCache } from './fallback-cache';
import { guardWithBreaker } from './provider-breaker';
import { createTemplateRenderer } from './template-renderer';
import type { WorkerConfig } from './worker-config';

/** Bounds the fallback caches' memory; a worker sees few distinct users and versions in ten minutes. */
const PEER_CACHE_ENTRIES = 10_000;
/** Template codes whose compiled versions a worker keeps. */
const COMPILED_TEMPLATE_CODES = 1000;
/** How long start-up waits for the change subscriptions before consuming without them (fail open). */
const SUBSCRIBE_WAIT_MS = 2000;

export interface WorkerAppOptions {
  /** Service name in logs, metrics and /health. */
  readonly service: string;
  readonly config: WorkerConfig;
  /** Builds the channel once the peers exist; closed on stop, after consuming has stopped. */
  readonly createChannel: (services: WorkerServices) => DeliveryChannel;
  /** A server of the worker's own beside the consumer; started after it, stopped before it. */
  readonly createIntake?: (services: WorkerIntakeServices) => WorkerIntake;
  readonly log: Logger;
}

/** What a channel may call besides its providers. */
export interface WorkerServices {
  readonly pushTokens: PushTokenRegistry;
}

/** What an intake may use of the worker's. */
export interface WorkerIntakeServices {
  readonly feedback: FeedbackReporter;
  readonly registry: MetricsRegistry;
}

/** Work that comes to the worker other than from its queue: the email worker's bounce listener. */
export interface WorkerIntake {
  /** Starts serving; resolves with the ports it bound. */
  start(): Promise<Omit<BoundPorts, 'http'>>;
  /** Stops taking new work and finishes what it has. */
  stop(): Promise<void>;
}

/**
 * The composition both workers share: the broker (an unreachable one is an
 * UnreachableDependencyError naming AMQP_URL), gRPC peers behind the fallback cache, templates
 * compiled and rendered in-process (dropped when templates announces a publish), the
 * channel behind its circuit breaker (open pauses the consumer, half-open resumes it), the
 * delivery handler on the channel's queue, and a health server whose /ready probes the broker,
 * the status stream and the peers' gRPC health. stop() stops taking messages, lets in-flight
 * ones finish, then closes everything in reverse order.
 */
export function createWorkerApp(options: WorkerAppOptions): Promise<ServiceApp> {
  return composeApp(options.log, (cleanup) => composeWorker(options, cleanup));
}

async function composeWorker(
  { service, config, createChannel, createIntake, log }: WorkerAppOptions,
  cleanup: CleanupStack,
): Promise<StartApp> {
  const connectOptions = { retryStepsMs: config.RETRY_STEPS_MS, queueType: config.AMQP_QUEUE_TYPE };
  const broker = cleanup.push(
    'amqp',
    await connectBrokerLink({ urls: config.AMQP_URL, prefix: config.AMQP_PREFIX, log, connectOptions }),
    (link) => link.close(),
  );
  // Redis only carries users' and templates' change announcements here: the worker runs without it.
  const redis = connectRedisOn(cleanup, redisSettingsOf(config), log);
  const userChanges = createChangeFeed(redis, USER_CHANGES, log);
  const users = createLocalCache<Recipient>({ capacity: PEER_CACHE_ENTRIES, ttlMs: config.LOOKUP_CACHE_MS });
  userChanges.onChange((id) => users.invalidate(id));
  const templateChanges = createChangeFeed(redis, TEMPLATE_CHANGES, log);
  const registry = createMetricsRegistry(service);
  const grpcPeers = cleanup.push(
    'grpc clients',
    createGrpcPeers({
      usersAddress: config.USERS_GRPC,
      templatesAddress: config.TEMPLATES_GRPC,
      notificationsAddress: config.NOTIFICATIONS_GRPC,
      internalToken: config.INTERNAL_TOKEN,
      deadlineMs: config.GRPC_DEADLINE_MS,
      statusFlushMs: config.STATUS_FLUSH_MS,
      statusTerminalLingerMs: config.STATUS_TERMINAL_LINGER_MS,
      metrics: registry,
    }),
    (clients) => clients.close(),
  );
  const lookups = withFallbackCache(
    {
      // users announces lowercase ids, whatever spelling the notification carries.
      users: { getUser: (id) => users.getOrLoad(id.toLowerCase(), '', () => grpcPeers.users.getUser(id)) },
      templateVersions: grpcPeers.templateVersions,
    },
    { maxAgeMs: config.PEER_CACHE_MAX_AGE_MS, maxEntries: PEER_CACHE_ENTRIES },
    log,
  );
  const templates = createTemplateRenderer({
    versions: lookups.templateVersions,
    compiler: createTemplateCompiler(),
    capacity: COMPILED_TEMPLATE_CODES,
    ttlMs: config.LOOKUP_CACHE_MS,
  });
  templateChanges.onChange((code) => templates.forget(code));
  const peers = { statuses: grpcPeers.statuses, users: lookups.users, templates };
  const channel = cleanup.push(
    'channel',
    guardWithBreaker(
      createChannel({ pushTokens: grpcPeers.pushTokens }),
      {
        volumeThreshold: config.BREAKER_VOLUME_THRESHOLD,
        errorThresholdPercentage: config.BREAKER_ERROR_PERCENT,
        resetTimeoutMs: config.BREAKER_RESET_MS,
        rollingWindowMs: config.BREAKER_WINDOW_MS,
      },
      registry,
      log,
    ),
    (opened) => opened.close(),
  );
  const handler = createDeliveryHandler({
    channel,
    peers,
    maxAttempts: config.MAX_ATTEMPTS,
    claimLeaseMs: config.CLAIM_LEASE_MS,
    metrics: createDeliveryMetrics(registry, channel.name),
  });
  // Not ready while the status stream is broken: every claim would fail and go to retry.
  const health = createHealthHandler(
    service,
    [
      { name: 'amqp', check: () => broker.check() },
      { name: 'status_stream', check: () => grpcPeers.checkStatusStream() },
      ...grpcPeers.probes,
    ],
    registry,
    // An open breaker leaves the worker ready: it is waiting out the provider, as designed.
    () => ({ breakers: [{ provider: channel.name, state: channel.breakerState() }] }),
  );
  const queue = topologyNames(config.AMQP_PREFIX, config.RETRY_STEPS_MS).queues[channel.name];
  const intake = createIntake?.({ feedback: grpcPeers.feedback, registry });

  return async () => {
    await Promise.all([userChanges.listen(SUBSCRIBE_WAIT_MS), templateChanges.listen(SUBSCRIBE_WAIT_MS)]);
    const server = cleanup.push(
      'health server',
      await startHealthServer(health, config.PORT, registry),
      (s) => s.close(),
    );
    const consumer = cleanup.push(
      'consumer',
      await consumeAcrossReconnects(
        broker,
        { queue, routingKey: channel.name, prefetch: config.PREFETCH },
        handler,
        log,
      ),
      (opened) => opened.stop(),
    );
    // Messages wait in the queue while the provider is down, instead of spending attempts.
    channel.watch({
      opened: () => void consumer.pause(),
      halfOpened: () => void consumer.resume(),
    });
    const intakePorts = intake ? await cleanup.push('intake', intake, (opened) => opened.stop()).start() : {};
    log.info({ port: server.port, queue, ...intakePorts }, `${service} started`);
    return { http: server.port, ...intakePorts };
  };
}
