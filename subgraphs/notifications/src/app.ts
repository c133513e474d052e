import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { connectAmqp } from '@herald/amqp';
import { openDataSource } from '@herald/database';
import type { Logger } from '@herald/logging';
import {
  CleanupStack,
  createHealthHandler,
  createMetricsRegistry,
  type ServiceApp,
} from '@herald/observability';
import { createGrpcClient, createGrpcServer, loadHeraldProto } from '@herald/proto';
import { createSubgraphServer, loadSchemaFile } from '@herald/subgraph';
import { createQueuePublisher } from './amqp/queue-publisher';
import { createTemplateCatalog } from './clients/template-catalog.client';
import { createUserDirectory } from './clients/user-directory.client';
import type { NotificationsConfig } from './config';
import { createNotificationResolvers } from './graphql/notification.resolvers';
import { createNotificationStatusGrpc } from './grpc/notification-status.grpc';
import { createOutboxRelayRunner } from './relay/outbox-relay.runner';
import { CreateNotifications1732500000000 } from './store/migrations/1732500000000-create-notifications';
import { NotificationEventEntity } from './store/notification-event.entity';
import { NotificationEntity } from './store/notification.entity';
import { createNotificationRepository } from './store/notification.repository';
import { OutboxMessageEntity } from './store/outbox-message.entity';
import { createOutboxRepository } from './store/outbox.repository';
import { makeGetNotification } from './use-cases/get-notification.use-case';
import { makeListNotificationEvents } from './use-cases/list-notification-events.use-case';
import { makeListNotifications } from './use-cases/list-notifications.use-case';
import type { Clock } from './use-cases/ports';
import { makeRelayOutbox } from './use-cases/relay-outbox.use-case';
import { makeReportStatus } from './use-cases/report-status.use-case';
import { makeSendNotification } from './use-cases/send-notification.use-case';

const SERVICE = 'notifications';

/** The composition root: connections, use cases, GraphQL and gRPC servers, the outbox relay. */
export async function createApp(config: NotificationsConfig, log: Logger): Promise<ServiceApp> {
  const cleanup = new CleanupStack(log);
  try {
    return await assemble(config, log, cleanup);
  } catch (error) {
    await cleanup.dispose();
    throw error;
  }
}

async function assemble(
  config: NotificationsConfig,
  log: Logger,
  cleanup: CleanupStack,
): Promise<ServiceApp> {
  const db = cleanup.push('database', await openDatabase(config.databaseUrl), (dataSource) =>
    dataSource.destroy(),
  );
  const amqp = cleanup.push(
    'amqp',
    await connectAmqp(config.amqp.url, config.amqp.prefix, log),
    (connection) => connection.close(),
  );

  const proto = loadHeraldProto().herald.v1;
  const clientOptions = { internalToken: config.internalToken, deadlineMs: config.grpcClients.deadlineMs };
  const usersClient = cleanup.push(
    'users gRPC client',
    createGrpcClient(proto.UserService, config.grpcClients.usersAddress, clientOptions),
    (client) => client.close(),
  );
  const templatesClient = cleanup.push(
    'templates gRPC client',
    createGrpcClient(proto.TemplateService, config.grpcClients.templatesAddress, clientOptions),
    (client) => client.close(),
  );

  const clock: Clock = { now: () => new Date() };
  const notifications = createNotificationRepository(db);
  const relay = createOutboxRelayRunner({
    relay: makeRelayOutbox({
      outbox: createOutboxRepository(db),
      publish: createQueuePublisher(amqp),
      clock,
      batchSize: config.outbox.batchSize,
      log,
    }),
    pollMs: config.outbox.pollMs,
    log,
  });

  const registry = createMetricsRegistry(SERVICE);
  const health = createHealthHandler(
    SERVICE,
    [
      { name: 'database', check: async () => void (await db.query('SELECT 1')) },
      { name: 'broker', check: () => amqp.check() },
    ],
    registry,
  );
  const graphql = createSubgraphServer({
    typeDefs: loadSchemaFile(join(__dirname, '..', 'schema.graphql')),
    resolvers: createNotificationResolvers({
      sendNotification: makeSendNotification({
        notifications,
        users: createUserDirectory(usersClient),
        templates: createTemplateCatalog(templatesClient),
        clock,
        newId: randomUUID,
        onQueued: () => relay.kick(),
      }),
      getNotification: makeGetNotification({ notifications }),
      listNotifications: makeListNotifications({ notifications }),
      listNotificationEvents: makeListNotificationEvents({ notifications }),
    }),
    internalToken: config.internalToken,
    health,
    log,
  });
  const grpc = createGrpcServer({ internalToken: config.internalToken, log });
  grpc.addService(
    proto.NotificationStatusService.service,
    createNotificationStatusGrpc({ reportStatus: makeReportStatus({ notifications, clock }) }),
  );

  return {
    // Started inside out and stopped in reverse: GraphQL intake closes first, then the relay,
    // then the workers' status reports, then the connections.
    async start() {
      cleanup.defer('gRPC server', () => grpc.close());
      const grpcPort = await grpc.listen(config.grpcPort);
      relay.start();
      cleanup.defer('outbox relay', () => relay.stop());
      cleanup.defer('GraphQL server', () => graphql.close());
      const httpPort = await graphql.listen(config.port);
      log.info({ http: httpPort, grpc: grpcPort }, 'notifications service started');
      return { http: httpPort, grpc: grpcPort };
    },
    stop: () => cleanup.dispose(),
  };
}

function openDatabase(url: string): Promise<DataSource> {
  return openDataSource({
    url,
    entities: [NotificationEntity, NotificationEventEntity, OutboxMessageEntity],
    migrations: [CreateNotifications1732500000000],
  });
}
