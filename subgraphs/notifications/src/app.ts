import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Counter } from 'prom-client';
import { isDatabaseUnavailable } from '@herald/database';
import type { Logger } from '@herald/logging';
import {
  CleanupStack,
  checkReadiness,
  createHealthHandler,
  createMetricsRegistry,
  type ServiceApp,
} from '@herald/observability';
import { createGrpcClient, createGrpcHealthProbe, createGrpcServer, loadHeraldProto } from '@herald/proto';
import { createLocalCache } from '@herald/cache';
import { connectRedis, createChangeFeed, TEMPLATE_CHANGES, USER_CHANGES } from '@herald/redis';
import { createSubgraphServer, loadSchemaFile } from '@herald/subgraph';
import { connectBrokerLink, createQueueInspector, registerQueueMetrics } from '@herald/amqp';
import { createQueuePublisher } from './amqp/queue-publisher';
import { cacheTemplateCatalog, cacheUserDirectory } from './clients/cached-lookups';
import { createEmailFeedbackRecorder } from './clients/email-feedback.client';
import { createTemplateCatalog } from './clients/template-catalog.client';
import { createUserDirectory } from './clients/user-directory.client';
import type { NotificationsConfig } from './config';
import { createNotificationResolvers } from './graphql/notification.resolvers';
import { createNotificationsMetrics } from './metrics/notifications-metrics';
import { createSystemStatusReader } from './system/system-status-reader';
import { createNotificationStatusGrpc } from './grpc/notification-status.grpc';
import { createNotificationGrpc } from './grpc/notification.grpc';
import { createOutboxRelayRunner } from './relay/outbox-relay.runner';
import { createRequestIndex } from './redis/request-index';
import { createStatusFeed } from './redis/status-feed';
import { createNotificationRepository } from './store/notification.repository';
import { openNotificationsDatabase } from './store/notifications-database';
import { createOutboxBacklogReader } from './store/outbox-backlog';
import { createOutboxRepository } from './store/outbox.repository';
import { createReplayRepository } from './store/replay.repository';
import { createScheduleRepository } from './store/schedule.repository';
import { createSweepRepository } from './store/sweep.repository';
import { makeCancelNotification } from './use-cases/cancel-notification.use-case';
import { makeGetNotification } from './use-cases/get-notification.use-case';
import { makeGetSystemStatus } from './use-cases/get-system-status.use-case';
import { makeListNotificationEvents } from './use-cases/list-notification-events.use-case';
import { makeListNotifications } from './use-cases/list-notifications.use-case';
import type { Clock, Recipient, TemplateSummary } from './use-cases/ports';
import { makeRelayOutbox } from './use-cases/relay-outbox.use-case';
import { makeReleaseScheduled } from './use-cases/release-scheduled.use-case';
import { makeReportStatus, makeReportStatuses } from './use-cases/report-status.use-case';
import { makeReportStatusCallback } from './use-cases/report-status-callback.use-case';
import { makeReplayFailed } from './use-cases/replay-failed.use-case';
import { makeRetryNotification } from './use-cases/retry-notification.use-case';
import { makeSendNotification } from './use-cases/send-notification.use-case';
import { makeSendNotifications } from './use-cases/send-notifications.use-case';
import { makeSweepOverdue } from './use-cases/sweep-overdue.use-case';

const SERVICE = 'notifications';
/** Users and template codes held in memory; a sender's recipients and templates, recently seen. */
const LOOKUP_CACHE_GROUPS = 10_000;
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
export async function createApp(
  config: NotificationsConfig,
  log: Logger,
  overrides: AppOverrides = {},
): Promise<ServiceApp> {
  const cleanup = new CleanupStack(log);
  try {
    return await assemble(config, log, cleanup, overrides);
  } catch (error) {
    await cleanup.dispose();
    throw error;
  }
}

async function assemble(
  config: NotificationsConfig,
  log: Logger,
  cleanup: CleanupStack,
  overrides: AppOverrides,
): Promise<ServiceApp> {
  const db = cleanup.push('database', await openNotificationsDatabase(config.databaseUrl), (dataSource) =>
    dataSource.destroy(),
  );
  const broker = cleanup.push(
    'amqp',
    await connectBrokerLink({
      urls: config.amqp.urls,
      prefix: config.amqp.prefix,
      log,
      connectOptions: { queueType: config.amqp.queueType },
    }),
    (link) => link.close(),
  );
  const redis = cleanup.push('redis', connectRedis(config.redis, log), (connection) => connection.close());

  const registry = createMetricsRegistry(SERVICE);
  const proto = loadHeraldProto().herald.v1;
  const clientOptions = {
    internalToken: config.internalToken,
    deadlineMs: config.grpcClients.deadlineMs,
    metrics: registry,
  };
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

  const peerProbes = [
    createGrpcHealthProbe('users_grpc', config.grpcClients.usersAddress, proto.UserService),
    createGrpcHealthProbe('templates_grpc', config.grpcClients.templatesAddress, proto.TemplateService),
  ];
  cleanup.defer('gRPC health probes', () => peerProbes.forEach((probe) => probe.close()));

  // Answers of users and templates, dropped when either announces a change over Redis.
  const userChanges = createChangeFeed(redis, USER_CHANGES, log);
  const templateChanges = createChangeFeed(redis, TEMPLATE_CHANGES, log);
  const lookupCache = { capacity: LOOKUP_CACHE_GROUPS, ttlMs: config.lookupCacheMs };
  const recipients = createLocalCache<Recipient>(lookupCache);
  const templateSummaries = createLocalCache<TemplateSummary>(lookupCache);
  userChanges.onChange((id) => recipients.invalidate(id));
  templateChanges.onChange((code) => templateSummaries.invalidate(code));

  const ignoredReports = new Counter({
    name: 'herald_notifications_status_reports_ignored_total',
    help: 'Worker status reports not applied: late, duplicate or not a legal transition.',
    labelNames: ['reason'],
    registers: [registry],
  });
  const unpublishedEvents = new Counter({
    name: 'herald_notifications_status_events_unpublished_total',
    help: 'Status events recorded but not published on the Redis channel (Redis down).',
    registers: [registry],
  });

  const metrics = createNotificationsMetrics(registry, createOutboxBacklogReader(db), log);
  const queues = createQueueInspector(broker, log);
  registerQueueMetrics(registry, queues);
  const clock: Clock = overrides.clock ?? { now: () => new Date() };
  const statusFeed = createStatusFeed(redis, unpublishedEvents, log);
  const notifications = createNotificationRepository(db);
  const relay = createOutboxRelayRunner({
    relay: makeRelayOutbox({
      outbox: createOutboxRepository(db),
      publish: createQueuePublisher(broker, (message) => metrics.published(message.routingKey)),
      clock,
      batchSize: config.outbox.batchSize,
      statusFeed,
      log,
      beforeRecord: overrides.beforeRelayRecord,
    }),
    pollMs: config.outbox.pollMs,
    log,
    onPass: metrics.relayPassed,
  });
  // The outbox kept every message while the broker was away: publish them at once.
  broker.onReconnected(() => relay.kick());
  const scheduler = createOutboxRelayRunner({
    relay: makeReleaseScheduled({
      schedule: createScheduleRepository(db),
      clock,
      batchSize: config.outbox.batchSize,
      onReleased: () => relay.kick(),
    }),
    pollMs: config.scheduler.pollMs,
    log,
    name: 'scheduler',
  });
  const sweeper = createOutboxRelayRunner({
    relay: makeSweepOverdue({
      sweep: createSweepRepository(db),
      bounds: config.sweeper.bounds,
      clock,
      batchSize: config.outbox.batchSize,
      statusFeed,
      onSwept: metrics.swept,
      log,
    }),
    pollMs: config.sweeper.pollMs,
    log,
    name: 'sweeper',
  });

  const readinessProbes = [
    { name: 'database', check: async () => void (await db.query('SELECT 1')) },
    { name: 'broker', check: () => broker.check() },
    ...peerProbes,
  ];
  const health = createHealthHandler(SERVICE, readinessProbes, registry);
  const sendDeps = {
    notifications,
    users: cacheUserDirectory(createUserDirectory(usersClient), recipients),
    templates: cacheTemplateCatalog(createTemplateCatalog(templatesClient), templateSummaries),
    requestIndex: createRequestIndex(redis, registry, log),
    clock,
    newId: randomUUID,
    statusFeed,
    onQueued: () => relay.kick(),
    log,
  };
  const reportStatuses = makeReportStatuses({
    notifications,
    clock,
    statusFeed,
    onIgnored: (reason) => ignoredReports.inc({ reason }),
    onDelivered: metrics.delivered,
    onFeedback: metrics.feedback,
    recordFeedback: createEmailFeedbackRecorder(usersClient),
    log,
  });
  const reportStatus = makeReportStatus(reportStatuses);
  const replayDeps = {
    replays: createReplayRepository(db),
    clock,
    statusFeed,
    onQueued: () => relay.kick(),
  };
  // The use cases both entry points call: GraphQL for the API, gRPC for the gateway's REST shim.
  const requests = {
    sendNotification: makeSendNotification(sendDeps),
    sendNotifications: makeSendNotifications(sendDeps),
    getNotification: makeGetNotification({ notifications }),
    listNotifications: makeListNotifications({ notifications }),
    reportStatusCallback: makeReportStatusCallback({ notifications, reportStatus }),
    replayFailed: makeReplayFailed(replayDeps),
  };
  const graphql = createSubgraphServer({
    typeDefs: loadSchemaFile(join(__dirname, '..', 'schema.graphql')),
    resolvers: createNotificationResolvers({
      ...requests,
      cancelNotification: makeCancelNotification({ notifications, clock, statusFeed }),
      retryNotification: makeRetryNotification({ ...replayDeps, notifications }),
      listNotificationEvents: makeListNotificationEvents({ notifications }),
      getSystemStatus: makeGetSystemStatus({
        ...createSystemStatusReader({
          self: {
            name: SERVICE,
            read: async () => ({ service: SERVICE, ...(await checkReadiness(readinessProbes)) }),
          },
          peers: config.systemStatus.peers,
          queues,
          timeoutMs: config.systemStatus.probeTimeoutMs,
        }),
        clock,
      }),
    }),
    internalToken: config.internalToken,
    health,
    metrics: registry,
    log,
  });
  const grpc = createGrpcServer({
    internalToken: config.internalToken,
    log,
    metrics: registry,
    isOutage: isDatabaseUnavailable,
  });
  grpc.addService(
    proto.NotificationStatusService.service,
    createNotificationStatusGrpc({ reportStatus, reportStatuses }),
  );
  grpc.addService(proto.NotificationService.service, createNotificationGrpc(requests));

  return {
    // Started inside out and stopped in reverse: GraphQL intake closes first, then the
    // sweeper, the scheduler and the relay, then the workers' status reports, then the connections.
    async start() {
      await Promise.all([userChanges.listen(SUBSCRIBE_WAIT_MS), templateChanges.listen(SUBSCRIBE_WAIT_MS)]);
      cleanup.defer('gRPC server', () => grpc.close());
      const grpcPort = await grpc.listen(config.grpcPort);
      relay.start();
      cleanup.defer('outbox relay', () => relay.stop());
      scheduler.start();
      cleanup.defer('scheduler', () => scheduler.stop());
      sweeper.start();
      cleanup.defer('sweeper', () => sweeper.stop());
      cleanup.defer('GraphQL server', () => graphql.close());
      // First step of stop: callers' health checks move away while everything still serves.
      cleanup.defer('gRPC health', () => grpc.drain());
      const httpPort = await graphql.listen(config.port);
      log.info({ http: httpPort, grpc: grpcPort }, 'notifications service started');
      return { http: httpPort, grpc: grpcPort };
    },
    stop: () => cleanup.dispose(),
  };
}
