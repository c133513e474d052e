import { consumeQueue, type AmqpConnection } from '@herald/amqp';
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
  /** Connected by the caller (which names AMQP_URL when that fails); closed on stop. */
  readonly amqp: AmqpConnection;
  /** Closed on stop, after consuming has stopped. */
  readonly channel: DeliveryChannel;
  readonly log: Logger;
}

/**
 * The composition both workers share: gRPC peers, the delivery handler on the channel's
 * queue, and a health server whose /ready probes the broker. stop() stops taking messages,
 * lets in-flight ones finish, then closes everything in reverse order.
 */
export function createWorkerApp({ service, config, amqp, channel, log }: WorkerAppOptions): ServiceApp {
  const cleanup = new CleanupStack(log);
  cleanup.push('amqp', amqp, (connection) => connection.close());
  cleanup.push('channel', channel, (opened) => opened.close());
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

  return {
    start: async () => {
      const server = cleanup.push('health server', await startHealthServer(health, config.PORT), (s) =>
        s.close(),
      );
      cleanup.push(
        'consumer',
        await consumeQueue(
          amqp,
          { queue: amqp.names.queues[channel.name], routingKey: channel.name, prefetch: config.PREFETCH },
          handler,
          log,
        ),
        (consumer) => consumer.stop(),
      );
      log.info({ port: server.port, queue: amqp.names.queues[channel.name] }, `${service} started`);
      return { http: server.port };
    },
    stop: () => cleanup.dispose(),
  };
}
