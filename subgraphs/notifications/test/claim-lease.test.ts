import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createLogger } from '@herald/logging';
import { createTestEnvironment } from '@herald/testkit';
import { createNotificationRepository } from '../src/store/notification.repository';
import { openNotificationsDatabase } from '../src/store/notifications-database';
import { createNotificationsTransactions } from '../src/store/notifications-transactions';
import { OPTIMISTIC_ROUNDS } from '../src/use-cases/change-statuses';
import type { NotificationRepository } from '../src/use-cases/ports';
import {
  makeReportStatuses,
  type ReportStatuses,
  type StatusReportCommand,
  type StatusReportOutcome,
} from '../src/use-cases/report-status.use-case';
import { statusReport, storeQueuedNotification } from './notification-fixture';

/**
 * The lease of a SENDING claim (decision 0030): when the broker gives a copy of the message to a
 * second worker while the first still sends it (its channel closed with a RabbitMQ node), the
 * second waits instead of sending it again.
 */
const environment = createTestEnvironment();
let db: DataSource;
let repository: NotificationRepository;
let now = new Date('2026-12-04T12:00:00.000Z');
let report: ReportStatuses;

const LEASE_MS = 10_000;

beforeAll(async () => {
  db = await openNotificationsDatabase(environment.databaseUrl('notifications'));
  repository = createNotificationRepository(db);
  report = makeReportStatuses({
    notifications: repository,
    transactions: createNotificationsTransactions(db),
    optimisticRounds: OPTIMISTIC_ROUNDS,
    clock: { now: () => now },
    statusFeed: { publish: async () => undefined },
    onIgnored: () => undefined,
    onDelivered: () => undefined,
    onFeedback: () => undefined,
    recordFeedback: async () => undefined,
    log: createLogger({ service: 'notifications-test', level: 'silent' }),
  });
});

afterAll(async () => {
  await db?.destroy();
  await environment.cleanup();
});

const later = (ms: number) => (now = new Date(now.getTime() + ms));

const byWorker = (
  holder: string,
  notificationId: string,
  deliveryId: string,
  status: StatusReportCommand['status'] = 'SENDING',
): StatusReportCommand => statusReport(notificationId, status, { deliveryId, holder, leaseMs: LEASE_MS });

async function one(command: StatusReportCommand): Promise<StatusReportOutcome> {
  const [outcome] = await report([command]);
  if (!outcome || outcome instanceof Error) throw new Error(`no outcome for ${command.notificationId}`);
  return outcome;
}

async function timeline(id: string): Promise<string[]> {
  const rows = (await db.query(
    `SELECT status FROM notification_events WHERE notification_id = $1 ORDER BY id`,
    [id],
  )) as { status: string }[];
  return rows.map(({ status }) => status);
}

describe('the lease of a SENDING claim', () => {
  it('makes a second worker given the same copy wait until the first reports, then drop it', async () => {
    const { id } = await storeQueuedNotification(repository);
    const copy = randomUUID();
    expect(await one(byWorker('worker-a', id, copy))).toMatchObject({ applied: true, status: 'SENDING' });

    later(1_000);
    expect(await one(byWorker('worker-b', id, copy))).toMatchObject({
      applied: false,
      status: 'SENDING',
      leaseRemainingMs: LEASE_MS - 1_000,
    });

    expect(await one(byWorker('worker-a', id, copy, 'DELIVERED'))).toMatchObject({ applied: true });
    expect(await one(byWorker('worker-b', id, copy))).toMatchObject({
      applied: false,
      status: 'DELIVERED',
      leaseRemainingMs: 0,
    });
    expect(await timeline(id)).toEqual(['ACCEPTED', 'QUEUED', 'SENDING', 'DELIVERED']);
  });

  it('passes to the waiting worker once the holder’s lease lapses, and keeps it from a third', async () => {
    const { id } = await storeQueuedNotification(repository);
    const copy = randomUUID();
    await one(byWorker('worker-a', id, copy));

    later(LEASE_MS);
    expect(await one(byWorker('worker-b', id, copy))).toMatchObject({ applied: false, leaseRemainingMs: 0 });
    later(1);
    expect(await one(byWorker('worker-c', id, copy))).toMatchObject({
      applied: false,
      leaseRemainingMs: LEASE_MS - 1,
    });
    // The takeover records no second SENDING event.
    expect(await timeline(id)).toEqual(['ACCEPTED', 'QUEUED', 'SENDING']);
  });

  it('is renewed by its holder, so a slow send keeps it past its first length', async () => {
    const { id } = await storeQueuedNotification(repository);
    const copy = randomUUID();
    await one(byWorker('worker-a', id, copy));

    later(LEASE_MS / 2);
    expect(await one(byWorker('worker-a', id, copy))).toMatchObject({ applied: false, leaseRemainingMs: 0 });
    later(LEASE_MS / 2 + 1);
    expect(await one(byWorker('worker-b', id, copy))).toMatchObject({
      applied: false,
      leaseRemainingMs: LEASE_MS / 2 - 1,
    });
  });

  it('refuses the holder’s renewal arriving after its RETRYING, and lets the next attempt claim', async () => {
    const { id } = await storeQueuedNotification(repository);
    const copy = randomUUID();
    await one(byWorker('worker-a', id, copy));
    await one(byWorker('worker-a', id, copy, 'RETRYING'));

    expect(await one(byWorker('worker-a', id, copy))).toMatchObject({ applied: false, status: 'RETRYING' });
    expect(await one({ ...byWorker('worker-b', id, copy), attempt: 2 })).toMatchObject({
      applied: true,
      status: 'SENDING',
      leaseRemainingMs: 0,
    });
    expect(await timeline(id)).toEqual(['ACCEPTED', 'QUEUED', 'SENDING', 'RETRYING', 'SENDING']);
  });
});
