import { connectAmqp, consumeQueue } from '@herald/amqp';
import type { Logger } from '@herald/logging';
import {
  CleanupStack,
  createHealthHandler,
  createMetricsRegistry,
  startHealthServer,
  type ServiceApp,
} from '@herald/observability';
import type { DeliveryChannel } from './delivery-channel';
import { createDeliveryHandler } from './delivery-handler';
import { createDeliveryMetrics } from './delivery-metrics';
import { createGrpcPeers } from './grpc-peers';
import type { WorkerConfig } from './worker-config';

export interface WorkerAppOptions {
  /** Service name in logs, metrics and /health. */
  readonly service: string;
  readonly config: WorkerConfig;
  /** Closed on stop, after consuming has stopped. */
  readonly channel: DeliveryChannel;
  readonly log: Logger;
}

/**
 * The composition both workers share: the broker (an unreachable one is an
 * UnreachableDependencyError naming AMQP_URL), gRPC peers, the delivery handler on the
 * channel's queue, and a health server whose /ready probes the broker. stop() stops taking
 * messages, lets in-flight ones finish, then closes everything in reverse order.
 */
export async function createWorkerApp(options: WorkerAppOptions): Promise<ServiceApp> {
  const cleanup = new CleanupStack(options.log);
  try {
    return await assembleWorker(options, cleanup);
  } catch (error) {
    // No app is returned, so nobody else could close what was opened before the failure.
    await cleanup.dispose();
    throw error;
  }
}

async function assembleWorker(
  { service, config, channel, log }: WorkerAppOptions,
  cleanup: CleanupStack,
): Promise<ServiceApp> {
  cleanup.push('channel', channel, (opened) => opened.close());
  const amqp = cleanup.push(
    'amqp',
    await connectAmqp(config.AMQP_URL, config.AMQP_PREFIX, log),
    (connection) => connection.close(),
  );
  const peers = cleanup.push(
    'grpc clients',
    createGrpcPeers({
      usersAddress: config.USERS_GRPC,
      templatesAddress: config.TEMPLATES_GRPC,
      notificationsAddress: config.NOTIFICATIONS_GRPC,
      internalToken: config.INTERNAL_TOKEN,
      deadlineMs: config.GRPC_DEADLINE_MS,
    }),
    (clients) => clients.close(),
  );
  const registry = createMetricsRegistry(service);
  const handler = createDeliveryHandler({
    channel,
    peers,
    maxAttempts: config.MAX_ATTEMPTS,
    metrics: createDeliveryMetrics(registry, channel.name),
  });
  const health = createHealthHandler(service, [{ name: 'amqp', check: () => amqp.check() }], registry);
  const queue = amqp.names.queues[channel.name];

  return {
    start: async () => {
      const server = cleanup.push('health server', await startHealthServer(health, config.PORT), (s) =>
        s.close(),
      );
      cleanup.push(
        'consumer',
        await consumeQueue(
          amqp,
          { queue, routingKey: channel.name, prefetch: config.PREFETCH },
          handler,
          log,
        ),
        (consumer) => consumer.stop(),
      );
      log.info({ port: server.port, queue }, `${service} started`);
      return { http: server.port };
    },
    stop: () => cleanup.dispose(),
  };
}
