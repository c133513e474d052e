import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Logger } from '@herald/logging';
import type { MetricsRegistry } from '@herald/observability';
import type { RedisConnection } from '@herald/redis';
import type { Peers } from './compose-peers';
import type { NotificationsMetrics } from './metrics/notifications-metrics';
import { createRequestIndex } from './redis/request-index';
import { createNotificationRepository } from './store/notification.repository';
import { createNotificationsTransactions } from './store/notifications-transactions';
import { createReplayRepository } from './store/replay.repository';
import { makeCancelNotification } from './use-cases/cancel-notification.use-case';
import { OPTIMISTIC_ROUNDS } from './use-cases/change-statuses';
import { makeGetNotification } from './use-cases/get-notification.use-case';
import { makeListNotificationEvents } from './use-cases/list-notification-events.use-case';
import { makeListNotifications } from './use-cases/list-notifications.use-case';
import type { Clock, StatusFeed } from './use-cases/ports';
import { makeReportStatus, makeReportStatuses } from './use-cases/report-status.use-case';
import { makeReportStatusCallback } from './use-cases/report-status-callback.use-case';
import { makeReplayFailed } from './use-cases/replay-failed.use-case';
import { makeRetryNotification } from './use-cases/retry-notification.use-case';
import { makeAcceptNotifications } from './use-cases/accept-notifications';
import { makeSendNotification } from './use-cases/send-notification.use-case';
import { makeSendNotifications } from './use-cases/send-notifications.use-case';

export type UseCases = ReturnType<typeof composeUseCases>;

/** Every use case of the service, bound to its stores, peers and feeds. */
export function composeUseCases(deps: {
  readonly db: DataSource;
  readonly redis: RedisConnection;
  readonly peers: Peers;
  readonly statusFeed: StatusFeed;
  readonly metrics: NotificationsMetrics;
  readonly registry: MetricsRegistry;
  readonly clock: Clock;
  /** A notification was queued in the outbox: the relay publishes it at once. */
  readonly onQueued: () => void;
  readonly log: Logger;
}) {
  const { db, peers, statusFeed, metrics, clock, onQueued, log } = deps;
  const notifications = createNotificationRepository(db);
  const transactions = createNotificationsTransactions(db);
  const acceptNotifications = makeAcceptNotifications({
    notifications,
    users: peers.users,
    templates: peers.templates,
    requestIndex: createRequestIndex(deps.redis, deps.registry, log),
    clock,
    newId: randomUUID,
    statusFeed,
    onQueued,
    log,
  });
  const reportStatuses = makeReportStatuses({
    notifications,
    transactions,
    optimisticRounds: OPTIMISTIC_ROUNDS,
    clock,
    statusFeed,
    onIgnored: metrics.reportIgnored,
    onDelivered: metrics.delivered,
    onFeedback: metrics.feedback,
    recordFeedback: peers.recordFeedback,
    log,
  });
  const reportStatus = makeReportStatus(reportStatuses);
  const replayDeps = { replays: createReplayRepository(db), clock, statusFeed, onQueued };
  return {
    // Called by both entry points: GraphQL for the API, gRPC for the gateway's REST shim.
    requests: {
      sendNotification: makeSendNotification(acceptNotifications),
      sendNotifications: makeSendNotifications(acceptNotifications),
      getNotification: makeGetNotification({ notifications }),
      listNotifications: makeListNotifications({ notifications }),
      reportStatusCallback: makeReportStatusCallback({ notifications, reportStatus }),
      replayFailed: makeReplayFailed(replayDeps),
    },
    reportStatus,
    reportStatuses,
    cancelNotification: makeCancelNotification({
      notifications,
      transactions,
      clock,
      statusFeed,
    }),
    retryNotification: makeRetryNotification({ ...replayDeps, notifications }),
    listNotificationEvents: makeListNotificationEvents({ notifications }),
  };
}
