import type { BrokerLink } from '@herald/amqp';
import type { Logger } from '@herald/logging';
import type { DataSource } from 'typeorm';
import { createQueuePublisher } from './amqp/queue-publisher';
import { statusBoundsOf, type NotificationsConfig } from './config';
import type { NotificationsMetrics } from './metrics/notifications-metrics';
import { createOutboxRelayRunner, type OutboxRelayRunner } from './relay/outbox-relay.runner';
import { createOutboxRepository } from './store/outbox.repository';
import { createScheduleRepository } from './store/schedule.repository';
import { createSweepRepository } from './store/sweep.repository';
import type { Clock, StatusFeed } from './use-cases/ports';
import { makeRelayOutbox } from './use-cases/relay-outbox.use-case';
import { makeReleaseScheduled } from './use-cases/release-scheduled.use-case';
import { makeSweepOverdue } from './use-cases/sweep-overdue.use-case';

/** The service's background loops; started after the gRPC server, stopped before it. */
export interface Loops {
  /** Publishes the outbox; kicked whenever a notification is queued. */
  readonly relay: OutboxRelayRunner;
  /** Releases scheduled notifications that came due. */
  readonly scheduler: OutboxRelayRunner;
  /** Resolves notifications past their status's time bound. */
  readonly sweeper: OutboxRelayRunner;
}

export function composeLoops(
  config: Pick<
    NotificationsConfig,
    | 'OUTBOX_BATCH_SIZE'
    | 'OUTBOX_POLL_MS'
    | 'SCHEDULER_POLL_MS'
    | 'SWEEPER_POLL_MS'
    | 'STATUS_BOUND_ACCEPTED_MS'
    | 'STATUS_BOUND_SCHEDULED_MS'
    | 'STATUS_BOUND_QUEUED_MS'
    | 'STATUS_BOUND_SENDING_MS'
    | 'STATUS_BOUND_RETRYING_MS'
  >,
  deps: {
    readonly db: DataSource;
    readonly broker: BrokerLink;
    readonly statusFeed: StatusFeed;
    readonly metrics: NotificationsMetrics;
    readonly clock: Clock;
    /** Runs in the relay between the broker's confirms and recording them (crash simulation). */
    readonly beforeRelayRecord?: () => Promise<void>;
    readonly log: Logger;
  },
): Loops {
  const { db, broker, statusFeed, metrics, clock, log } = deps;
  const relay = createOutboxRelayRunner({
    relay: makeRelayOutbox({
      outbox: createOutboxRepository(db),
      publish: createQueuePublisher(broker, (message) => metrics.published(message.routingKey)),
      clock,
      batchSize: config.OUTBOX_BATCH_SIZE,
      statusFeed,
      log,
      beforeRecord: deps.beforeRelayRecord,
    }),
    pollMs: config.OUTBOX_POLL_MS,
    log,
    onPass: metrics.relayPassed,
  });
  // The outbox kept every message while the broker was away: publish them at once.
  broker.onReconnected(() => relay.kick());
  const scheduler = createOutboxRelayRunner({
    relay: makeReleaseScheduled({
      schedule: createScheduleRepository(db),
      clock,
      batchSize: config.OUTBOX_BATCH_SIZE,
      onReleased: () => relay.kick(),
    }),
    pollMs: config.SCHEDULER_POLL_MS,
    log,
    name: 'scheduler',
  });
  const sweeper = createOutboxRelayRunner({
    relay: makeSweepOverdue({
      sweep: createSweepRepository(db),
      bounds: statusBoundsOf(config),
      clock,
      batchSize: config.OUTBOX_BATCH_SIZE,
      statusFeed,
      onSwept: metrics.swept,
      log,
    }),
    pollMs: config.SWEEPER_POLL_MS,
    log,
    name: 'sweeper',
  });
  return { relay, scheduler, sweeper };
}
