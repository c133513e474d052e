import { createPublisher, type AmqpConnection } from '@herald/amqp';
import type { ServiceApp } from '@herald/lifecycle';
import type { Logger } from '@herald/logging';
import type { GrpcUser } from '@herald/proto';
import { startWorkerPeers, type TestEnvironment, type WorkerPeers } from '@herald/testkit';
import { createApp } from '../src/app';
import { loadPushWorkerConfig } from '../src/config';
import { orderShippedTemplate } from './fixtures';

const INTERNAL_TOKEN = 'push-worker-test-token';

/** Real gRPC users, templates and notifications peers: `users`, and the "order-shipped" template. */
export function startPushPeers(users: readonly GrpcUser[], log: Logger): Promise<WorkerPeers> {
  return startWorkerPeers({
    users,
    channel: 'PUSH',
    template: orderShippedTemplate,
    internalToken: INTERNAL_TOKEN,
    log,
  });
}

/** The push worker on the environment's broker and on `peers`, not started; `settings` choose its providers. */
export function createPushWorker(
  env: TestEnvironment,
  peers: WorkerPeers,
  settings: Record<string, string>,
  log: Logger,
): Promise<ServiceApp> {
  const config = loadPushWorkerConfig({
    PORT: '0',
    LOG_LEVEL: 'silent',
    INTERNAL_TOKEN,
    AMQP_URL: env.amqpUrl,
    AMQP_PREFIX: env.amqpPrefix,
    USERS_GRPC: peers.address,
    TEMPLATES_GRPC: peers.address,
    NOTIFICATIONS_GRPC: peers.address,
    ...settings,
  });
  return createApp(config, log);
}

/** Publishes a queue message for the push worker, at the priority of the fixtures' messages. */
export function publishPush(broker: AmqpConnection, body: unknown): Promise<void> {
  return createPublisher(broker.publishChannel).publishJson(broker.names.directExchange, 'push', body, {
    priority: 8,
  });
}
