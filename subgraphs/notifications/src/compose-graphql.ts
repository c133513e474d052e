import { join } from 'node:path';
import type { QueueInspector } from '@herald/amqp';
import type { Logger } from '@herald/logging';
import type { MetricsRegistry } from '@herald/observability';
import { createSubgraphServer, loadSchemaFile } from '@herald/subgraph';
import type { Health } from './compose-health';
import type { UseCases } from './compose-use-cases';
import { systemStatusPeersOf, type NotificationsConfig } from './config';
import { createNotificationResolvers } from './graphql/notification.resolvers';
import { createSystemStatusReader } from './system/system-status-reader';
import type { Clock } from './use-cases/ports';
import { makeGetSystemStatus } from './use-cases/get-system-status.use-case';

/** The notifications subgraph: the API's use cases, and systemStatus over every service's /ready. */
export function composeGraphql(
  config: Pick<
    NotificationsConfig,
    | 'INTERNAL_TOKEN'
    | 'SYSTEM_PROBE_TIMEOUT_MS'
    | 'GATEWAY_URL'
    | 'USERS_URL'
    | 'TEMPLATES_URL'
    | 'EMAIL_WORKER_URL'
    | 'PUSH_WORKER_URL'
  >,
  deps: {
    readonly useCases: UseCases;
    readonly health: Health;
    readonly queues: QueueInspector;
    readonly clock: Clock;
    readonly registry: MetricsRegistry;
    readonly log: Logger;
  },
) {
  const { useCases, health } = deps;
  return createSubgraphServer({
    // schema.graphql sits at the package root, one level above src/ and dist/.
    typeDefs: loadSchemaFile(join(__dirname, '..', 'schema.graphql')),
    resolvers: createNotificationResolvers({
      ...useCases.requests,
      cancelNotification: useCases.cancelNotification,
      retryNotification: useCases.retryNotification,
      listNotificationEvents: useCases.listNotificationEvents,
      getSystemStatus: makeGetSystemStatus({
        ...createSystemStatusReader({
          self: health.self,
          peers: systemStatusPeersOf(config),
          queues: deps.queues,
          timeoutMs: config.SYSTEM_PROBE_TIMEOUT_MS,
        }),
        clock: deps.clock,
      }),
    }),
    internalToken: config.INTERNAL_TOKEN,
    health: health.handler,
    metrics: deps.registry,
    log: deps.log,
  });
}
