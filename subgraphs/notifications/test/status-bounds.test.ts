import type { DataSource } from 'typeorm';
import { createLogger } from '@herald/logging';
import { createTestEnvironment } from '@herald/testkit';
import type { Notification, NotificationEvent, StatusEvent } from '../src/domain/notification';
import type { NotificationStatus } from '../src/domain/notification-status';
import { buildQueueMessage } from '../src/domain/queue-message';
import type { BoundedStatus, StatusBounds, SweepReason } from '../src/domain/status-bounds';
import { createNotificationRepository } from '../src/store/notification.repository';
import { openNotificationsDatabase } from '../src/store/notifications-database';
import { createNotificationsTransactions } from '../src/store/notifications-transactions';
import type { NotificationRepository } from '../src/use-cases/ports';
import { createSweepRepository } from '../src/store/sweep.repository';
import { OPTIMISTIC_ROUNDS } from '../src/use-cases/change-statuses';
import { makeReportStatuses, type StatusReportCommand } from '../src/use-cases/report-status.use-case';
import { makeSweepOverdue } from '../src/use-cases/sweep-overdue.use-case';
import { acceptedNotification, statusReport } from './notification-fixture';

const environment = createTestEnvironment();
let db: DataSource;
let notifications: NotificationRepository;

const MINUTE = 60_000;
/** A different bound per status, so a test shows each status is held to its own. */
const BOUNDS: StatusBounds = {
  ACCEPTED: 10 * MINUTE,
  SCHEDULED: 20 * MINUTE,
  QUEUED: 30 * MINUTE,
  SENDING: 40 * MINUTE,
  RETRYING: 50 * MINUTE,
};
const NOW = new Date('2026-06-01T12:00:00Z');
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const silent = createLogger({ service: 'notifications-test', level: 'silent' });

beforeAll(async () => {
  db = await openNotificationsDatabase(environment.databaseUrl('notifications'));
  notifications = createNotificationRepository(db);
});

afterEach(async () => {
  await db.query(`TRUNCATE notifications, notification_events, outbox`);
});

afterAll(async () => {
  await db?.destroy();
  await environment.cleanup();
});

/** A sweeper over the real database at NOW, with what it counted and published. */
function sweeper(batchSize = 100) {
  const swept: [BoundedStatus, SweepReason][] = [];
  const published: StatusEvent[] = [];
  const pass = makeSweepOverdue({
    sweep: createSweepRepository(db),
    bounds: BOUNDS,
    clock: { now: () => NOW },
    batchSize,
    statusFeed: { publish: async (events) => void published.push(...events) },
    onSwept: (status, reason) => swept.push([status, reason]),
    log: silent,
  });
  return { pass, swept, published };
}

/** A notification in `status` since `since`, with an unpublished outbox message when asked. */
async function stored(
  status: NotificationStatus,
  since: Date,
  options: { dueAt?: Date | null; outboxAt?: Date; events?: NotificationEvent[] } = {},
): Promise<Notification> {
  const notification = acceptedNotification({
    status,
    createdAt: since,
    updatedAt: since,
    dueAt: options.dueAt ?? null,
    attempts: status === 'SENDING' || status === 'RETRYING' ? 1 : 0,
  });
  await notifications.insertMany([
    {
      notification,
      events: options.events ?? [{ status, detail: null, at: since }],
      outbox: options.outboxAt
        ? {
            routingKey: 'email',
            payload: buildQueueMessage(notification, 'corr'),
            priority: 5,
            correlationId: 'corr',
          }
        : undefined,
    },
  ]);
  if (options.outboxAt) {
    await db.query(`UPDATE outbox SET created_at = $2 WHERE notification_id = $1`, [
      notification.id,
      options.outboxAt,
    ]);
  }
  return notification;
}

async function current(id: string) {
  const found = await notifications.findById(id);
  return { status: found!.status, detail: found!.statusDetail, outcomeUnknown: found!.outcomeUnknown };
}

async function unpublishedMessages(id: string): Promise<number> {
  const [row] = (await db.query(
    `SELECT count(*)::int AS count FROM outbox WHERE notification_id = $1 AND published_at IS NULL`,
    [id],
  )) as { count: number }[];
  return row!.count;
}

const report = (notificationId: string, status: StatusReportCommand['status']): StatusReportCommand =>
  statusReport(notificationId, status, { detail: status === 'DELIVERED' ? 'provider-id-7' : null });

function reporter() {
  return makeReportStatuses({
    notifications,
    transactions: createNotificationsTransactions(db),
    optimisticRounds: OPTIMISTIC_ROUNDS,
    clock: { now: () => new Date(NOW.getTime() + MINUTE) },
    statusFeed: { publish: async () => undefined },
    onIgnored: () => undefined,
    onDelivered: () => undefined,
    onFeedback: () => undefined,
    recordFeedback: async () => undefined,
    log: silent,
  });
}

describe('the status sweeper', () => {
  it.each([
    ['ACCEPTED', 'not-published', 'not published: not handed to the broker within 10m'],
    ['QUEUED', 'not-consumed', 'not consumed: no worker took it within 30m'],
    [
      'SENDING',
      'outcome-unknown',
      'outcome unknown: no report within 40m of SENDING; the provider may have delivered it, so it is not sent again',
    ],
    ['RETRYING', 'retry-lost', 'retry lost: no new attempt within 50m of RETRYING'],
  ] as const)(
    'resolves a notification %s past its own bound FAILED, saying why',
    async (status, reason, detail) => {
      const past = await stored(status, ago(BOUNDS[status] + 1000));
      const within = await stored(status, ago(BOUNDS[status] - 1000));
      const { pass, swept, published } = sweeper();

      await expect(pass()).resolves.toEqual({ published: 1, more: false });

      expect(await current(past.id)).toEqual({
        status: 'FAILED',
        detail,
        outcomeUnknown: status === 'SENDING',
      });
      expect((await current(within.id)).status).toBe(status);
      expect(swept).toEqual([[status, reason]]);
      expect(published).toMatchObject([
        { notificationId: past.id, status: 'FAILED', detail, at: NOW.toISOString() },
      ]);
      expect((await notifications.listEvents(past.id)).map((event) => event.status)).toEqual([
        status,
        'FAILED',
      ]);
    },
  );

  it('counts a SCHEDULED notification from its due time, then from its release to the outbox', async () => {
    // Accepted long ago for a sendAt still ahead: not overdue, however old.
    const ahead = await stored('SCHEDULED', ago(10 * BOUNDS.SCHEDULED), {
      dueAt: new Date(NOW.getTime() + MINUTE),
    });
    const longDue = await stored('SCHEDULED', ago(10 * BOUNDS.SCHEDULED), {
      dueAt: ago(BOUNDS.SCHEDULED + 1000),
    });
    // Released to the outbox (due_at cleared) a moment ago, the relay not yet through: not overdue.
    const justReleased = await stored('SCHEDULED', ago(10 * BOUNDS.SCHEDULED), { outboxAt: ago(1000) });
    const releasedLongAgo = await stored('SCHEDULED', ago(10 * BOUNDS.SCHEDULED), {
      outboxAt: ago(BOUNDS.SCHEDULED + 1000),
    });
    const { pass, swept } = sweeper();

    await pass();

    expect((await current(ahead.id)).status).toBe('SCHEDULED');
    expect((await current(justReleased.id)).status).toBe('SCHEDULED');
    expect(await current(longDue.id)).toEqual({
      status: 'FAILED',
      detail: 'not released: still scheduled 20m after its due time',
      outcomeUnknown: false,
    });
    expect((await current(releasedLongAgo.id)).status).toBe('FAILED');
    expect(swept).toEqual([
      ['SCHEDULED', 'not-released'],
      ['SCHEDULED', 'not-released'],
    ]);
    // Nothing of a resolved notification is published afterwards.
    expect(await unpublishedMessages(releasedLongAgo.id)).toBe(0);
    expect(await unpublishedMessages(justReleased.id)).toBe(1);
  });

  it('drops the unpublished message of an ACCEPTED notification it resolves', async () => {
    const stuck = await stored('ACCEPTED', ago(BOUNDS.ACCEPTED + 1000), {
      outboxAt: ago(BOUNDS.ACCEPTED + 1000),
    });

    await sweeper().pass();

    expect(await unpublishedMessages(stuck.id)).toBe(0);
  });

  it('keeps the timeline in order when the last event carries a clock ahead of its own', async () => {
    // A worker's SENDING report stamped by a clock two hours ahead, recorded an hour ago.
    const workerAt = new Date(NOW.getTime() + 2 * 60 * MINUTE);
    const stuck = await stored('SENDING', ago(BOUNDS.SENDING + 1000), {
      events: [
        { status: 'QUEUED', detail: null, at: ago(BOUNDS.SENDING + 2000) },
        { status: 'SENDING', detail: null, at: workerAt },
      ],
    });
    const { pass, published } = sweeper();

    await pass();

    const events = await notifications.listEvents(stuck.id);
    expect(events.map((event) => [event.status, event.at])).toEqual([
      ['QUEUED', ago(BOUNDS.SENDING + 2000)],
      ['SENDING', workerAt],
      ['FAILED', workerAt],
    ]);
    expect(published[0]?.at).toBe(workerAt.toISOString());
    expect((await notifications.findById(stuck.id))!.updatedAt.getTime()).toBeGreaterThanOrEqual(
      workerAt.getTime(),
    );
  });

  it('resolves each notification once when several sweepers run at the same time', async () => {
    const stuck = await Promise.all(
      Array.from({ length: 40 }, () => stored('SENDING', ago(BOUNDS.SENDING + 1000))),
    );
    const replicas = [sweeper(5), sweeper(5), sweeper(5)];

    const drain = async (replica: ReturnType<typeof sweeper>) => {
      while ((await replica.pass()).more);
    };
    await Promise.all(replicas.map(drain));
    await sweeper().pass();

    expect(replicas.flatMap((replica) => replica.published).length).toBe(stuck.length);
    const [row] = (await db.query(
      `SELECT count(*)::int AS failed FROM notification_events WHERE status = 'FAILED'`,
    )) as { failed: number }[];
    expect(row!.failed).toBe(stuck.length);
  });

  it('leaves a notification whose report is being written, and sees the report next time', async () => {
    const stuck = await stored('SENDING', ago(BOUNDS.SENDING + 1000));
    const holder = db.createQueryRunner();
    await holder.connect();
    try {
      await holder.startTransaction();
      await holder.query(`SELECT id FROM notifications WHERE id = $1 FOR UPDATE`, [stuck.id]);
      await expect(sweeper().pass()).resolves.toEqual({ published: 0, more: false });
      await holder.query(`UPDATE notifications SET status = 'DELIVERED', updated_at = $2 WHERE id = $1`, [
        stuck.id,
        NOW,
      ]);
      await holder.commitTransaction();
    } finally {
      await holder.release();
    }

    await expect(sweeper().pass()).resolves.toEqual({ published: 0, more: false });
    expect((await current(stuck.id)).status).toBe('DELIVERED');
  });

  it('records a DELIVERED report that arrives after it gave up on SENDING, and no other', async () => {
    const sending = await stored('SENDING', ago(BOUNDS.SENDING + 1000));
    const retrying = await stored('RETRYING', ago(BOUNDS.RETRYING + 1000));
    await sweeper().pass();

    const outcomes = await reporter()([report(sending.id, 'DELIVERED'), report(retrying.id, 'DELIVERED')]);

    expect(outcomes).toMatchObject([
      { applied: true, status: 'DELIVERED' },
      { applied: false, status: 'FAILED' },
    ]);
    expect(await current(sending.id)).toEqual({
      status: 'DELIVERED',
      detail: 'provider-id-7',
      outcomeUnknown: false,
    });
    expect((await notifications.listEvents(sending.id)).map((event) => event.status)).toEqual([
      'SENDING',
      'FAILED',
      'DELIVERED',
    ]);
    // Once delivered, a repeated report changes nothing.
    await expect(reporter()([report(sending.id, 'DELIVERED')])).resolves.toMatchObject([{ applied: false }]);
  });
});
