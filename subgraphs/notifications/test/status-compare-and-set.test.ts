import { randomUUID } from 'node:crypto';
import type { DataSource, Logger as QueryLogger } from 'typeorm';
import { createLogger } from '@herald/logging';
import { createTestEnvironment, waitFor } from '@herald/testkit';
import type { Notification, StatusEvent } from '../src/domain/notification';
import { buildQueueMessage } from '../src/domain/queue-message';
import { decideStatusReport, type IgnoredReason } from '../src/domain/status-report';
import { createNotificationRepository } from '../src/store/notification.repository';
import { openNotificationsDatabase } from '../src/store/notifications-database';
import { createNotificationsTransactions } from '../src/store/notifications-transactions';
import { makeChangeStatuses, OPTIMISTIC_ROUNDS } from '../src/use-cases/change-statuses';
import type { NewNotification, NotificationRepository } from '../src/use-cases/ports';
import { makeReportStatuses, type StatusReportCommand } from '../src/use-cases/report-status.use-case';
import { acceptedNotification, statusReport, storeQueuedNotification } from './notification-fixture';

const environment = createTestEnvironment();
let db: DataSource;
/** Every statement the DataSource sent (START TRANSACTION and COMMIT included): one round trip each. */
const statements: string[] = [];

beforeAll(async () => {
  db = await openNotificationsDatabase(environment.databaseUrl('notifications'));
  const countingLogger: QueryLogger = {
    logQuery: (query) => void statements.push(query),
    logQueryError: () => undefined,
    logQuerySlow: () => undefined,
    logSchemaBuild: () => undefined,
    logMigration: () => undefined,
    log: () => undefined,
  };
  Object.assign(db, { logger: countingLogger });
});

afterAll(async () => {
  await db?.destroy();
  await environment.cleanup();
});

const silent = createLogger({ service: 'notifications-test', level: 'silent' });

/** The report use case over a repository, locking after `optimisticRounds`, with what it publishes and counts. */
function reporter(repository: NotificationRepository, optimisticRounds: number) {
  const published: StatusEvent[] = [];
  const ignored: IgnoredReason[] = [];
  const report = makeReportStatuses({
    notifications: repository,
    transactions: createNotificationsTransactions(db),
    optimisticRounds,
    clock: { now: () => new Date() },
    statusFeed: { publish: async (events) => void published.push(...events) },
    onIgnored: (reason) => ignored.push(reason),
    onDelivered: () => undefined,
    onFeedback: () => undefined,
    recordFeedback: async () => undefined,
    log: silent,
  });
  return { report, published, ignored };
}

/** An accepted notification with its outbox message, as the accept path stores it. */
async function accepted(repository: NotificationRepository): Promise<Notification> {
  const notification = acceptedNotification();
  const item: NewNotification = {
    notification,
    events: [{ status: 'ACCEPTED', detail: null, at: notification.createdAt }],
    outbox: {
      routingKey: 'email',
      payload: buildQueueMessage(notification, 'corr'),
      priority: 5,
      correlationId: 'corr',
    },
  };
  await repository.insertMany([item]);
  return notification;
}

const claim = (notificationId: string, deliveryId: string): StatusReportCommand =>
  statusReport(notificationId, 'SENDING', { deliveryId });

const delivered = (notificationId: string): StatusReportCommand => statusReport(notificationId, 'DELIVERED');

async function timeline(id: string): Promise<{ status: string; at: Date }[]> {
  return db.query(`SELECT status, at FROM notification_events WHERE notification_id = $1 ORDER BY id`, [id]);
}

function expectNonDecreasing(events: readonly { at: Date }[]): void {
  const times = events.map((event) => event.at.getTime());
  expect(times).toEqual([...times].sort((a, b) => a - b));
}

/** Sessions of this database waiting for a row lock. */
async function lockWaiters(): Promise<number> {
  const [row] = (await db.query(
    `SELECT count(*)::int AS count FROM pg_stat_activity
     WHERE datname = current_database() AND wait_event_type = 'Lock'`,
  )) as { count: number }[];
  return row!.count;
}

/** Runs `work` while another session holds the notification's row lock (without changing it). */
async function whileLocked<T>(id: string, work: () => Promise<T>, waiters: number): Promise<T> {
  const holder = db.createQueryRunner();
  await holder.connect();
  try {
    await holder.startTransaction();
    await holder.query(`SELECT id FROM notifications WHERE id = $1 FOR UPDATE`, [id]);
    const running = work();
    await waitFor(async () => (await lockWaiters()) >= waiters, {
      description: `${waiters} writers waiting for ${id}`,
    });
    await holder.commitTransaction();
    return await running;
  } finally {
    await holder.release();
  }
}

describe.each([
  ['compare-and-set', 3],
  ['locked (the fallback after too many conflicts)', 0],
])('status reports, %s', (_, optimisticRounds) => {
  const repository = () => createNotificationRepository(db);

  it('lets exactly one of two copies racing for one notification claim SENDING', async () => {
    const notifications = repository();
    const { report, published, ignored } = reporter(notifications, optimisticRounds);
    const { id } = await storeQueuedNotification(notifications);

    // Both read QUEUED and decide to claim before either writes.
    const [first, second] = await whileLocked(
      id,
      () => Promise.all([report([claim(id, randomUUID())]), report([claim(id, randomUUID())])]),
      2,
    );

    const outcomes = [first![0], second![0]];
    expect(outcomes.map((outcome) => 'applied' in outcome! && outcome.applied).sort()).toEqual([false, true]);
    expect(outcomes).toContainEqual({
      notificationId: id,
      applied: false,
      status: 'SENDING',
      claimedByAnotherDelivery: true,
      leaseRemainingMs: 0,
    });
    expect(ignored).toEqual(['claimed-by-another-delivery']);
    expect((await timeline(id)).map((event) => event.status)).toEqual(['ACCEPTED', 'QUEUED', 'SENDING']);
    expect(published.map((event) => [event.status, event.notification.status])).toEqual([
      ['SENDING', 'SENDING'],
    ]);
  });

  it('gives each notification one claim when batches race over them in opposite orders', async () => {
    const notifications = repository();
    const { report } = reporter(notifications, optimisticRounds);
    const racing = await Promise.all(Array.from({ length: 8 }, () => storeQueuedNotification(notifications)));
    const ids = racing.map(({ id }) => id);
    const copies = [randomUUID(), randomUUID(), randomUUID()];

    const batches = await Promise.all([
      report(ids.map((id) => claim(id, copies[0]!))),
      report([...ids].reverse().map((id) => claim(id, copies[1]!))),
      report(ids.flatMap((id) => [claim(id, copies[2]!), delivered(id)])),
    ]);

    for (const id of ids) {
      const winners = batches.filter((outcomes) =>
        outcomes.some((outcome) => 'applied' in outcome && outcome.notificationId === id && outcome.applied),
      );
      expect(winners.length).toBeGreaterThanOrEqual(1);
      const events = await timeline(id);
      expect(events.filter((event) => event.status === 'SENDING')).toHaveLength(1);
      expectNonDecreasing(events);
      const [stored] = (await db.query(`SELECT claimed_by FROM notifications WHERE id = $1`, [id])) as {
        claimed_by: string;
      }[];
      expect(copies).toContain(stored!.claimed_by);
    }
  });

  it(`records a worker's report in ${optimisticRounds > 0 ? 2 : 4} round trips`, async () => {
    const notifications = repository();
    const { report, published } = reporter(notifications, optimisticRounds);
    const { id } = await storeQueuedNotification(notifications);

    statements.length = 0;
    await report([claim(id, randomUUID())]);
    const forClaim = statements.length;
    statements.length = 0;
    await report([delivered(id)]);
    const forDelivered = statements.length;

    expect([forClaim, forDelivered]).toEqual(optimisticRounds > 0 ? [2, 2] : [4, 4]);
    expect((await timeline(id)).map((event) => event.status)).toEqual([
      'ACCEPTED',
      'QUEUED',
      'SENDING',
      'DELIVERED',
    ]);
    expect(published.map((event) => event.notification.status)).toEqual(['SENDING', 'DELIVERED']);
  });

  it(`records a DELIVERED riding with the next claim in the same ${optimisticRounds > 0 ? 2 : 4} round trips`, async () => {
    const notifications = repository();
    const { report, published } = reporter(notifications, optimisticRounds);
    const [previous, next] = [
      await storeQueuedNotification(notifications),
      await storeQueuedNotification(notifications),
    ];
    await report([claim(previous.id, randomUUID())]);

    statements.length = 0;
    const outcomes = await report([delivered(previous.id), claim(next.id, randomUUID())]);

    expect(statements).toHaveLength(optimisticRounds > 0 ? 2 : 4);
    expect(outcomes.map((outcome) => 'applied' in outcome && outcome.applied)).toEqual([true, true]);
    expect((await timeline(previous.id)).map((event) => event.status)).toEqual([
      'ACCEPTED',
      'QUEUED',
      'SENDING',
      'DELIVERED',
    ]);
    expect(published.map((event) => [event.notificationId, event.status])).toEqual([
      [previous.id, 'SENDING'],
      [previous.id, 'DELIVERED'],
      [next.id, 'SENDING'],
    ]);
  });
});

describe('a status report racing the relay', () => {
  it('waits for the relay to record QUEUED, then is decided again and recorded after it', async () => {
    const notifications = createNotificationRepository(db);
    const transactions = createNotificationsTransactions(db);
    const changeStatuses = makeChangeStatuses({
      notifications,
      transactions,
      optimisticRounds: OPTIMISTIC_ROUNDS,
    });
    const { id } = await accepted(notifications);
    const seen: string[] = [];
    const deliveryId = randomUUID();

    const { reporting, queuedEvents } = await transactions.transaction(async ({ outbox }) => {
      const messages = await outbox.claimUnpublished(100);
      const message = messages.find((pending) => pending.notificationId === id)!;
      // Reads ACCEPTED (the relay's lock does not block a read), decides to claim, and its
      // write waits for the relay's row lock.
      const reporting = changeStatuses([id], (current) => {
        seen.push(current.status);
        const now = new Date();
        const decision = decideStatusReport(
          current,
          { status: 'SENDING', attempt: 1, deliveryId, holder: null, leaseMs: 0 },
          now,
        );
        if (!decision.apply) return undefined;
        return { status: 'SENDING', detail: null, lease: null, ...decision, at: now, recordedAt: now };
      });
      await waitFor(async () => (await lockWaiters()) >= 1, { description: 'the claim waiting' });
      return {
        reporting,
        queuedEvents: await outbox.recordPublished([message.id], [id], new Date()),
      };
    });
    const [result] = await reporting;

    expect(seen).toEqual(['ACCEPTED', 'QUEUED']);
    expect(result!.event).toMatchObject({ status: 'SENDING', notification: { status: 'SENDING' } });
    expect(result!.event!.sequence).toBeGreaterThan(queuedEvents[0]!.sequence);
    const events = await timeline(id);
    expect(events.map((event) => event.status)).toEqual(['ACCEPTED', 'QUEUED', 'SENDING']);
    expectNonDecreasing(events);
    await expect(notifications.findById(id)).resolves.toMatchObject({
      status: 'SENDING',
      claimedBy: deliveryId,
      attempts: 1,
    });
  });
});
