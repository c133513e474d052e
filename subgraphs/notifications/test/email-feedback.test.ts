import type { DataSource } from 'typeorm';
import { UnavailableError } from '@herald/errors';
import { createLogger } from '@herald/logging';
import { createTestEnvironment } from '@herald/testkit';
import type { EmailFeedback } from '../src/domain/email-feedback';
import type { Notification, StatusEvent } from '../src/domain/notification';
import { createNotificationRepository } from '../src/store/notification.repository';
import { openNotificationsDatabase } from '../src/store/notifications-database';
import { createNotificationsTransactions } from '../src/store/notifications-transactions';
import { OPTIMISTIC_ROUNDS } from '../src/use-cases/change-statuses';
import type { NotificationRepository } from '../src/use-cases/ports';
import { makeReportStatuses, type StatusReportCommand } from '../src/use-cases/report-status.use-case';
import { acceptedNotification, statusReport } from './notification-fixture';

const environment = createTestEnvironment();
const silent = createLogger({ service: 'notifications-test', level: 'silent' });
let db: DataSource;
let notifications: NotificationRepository;

beforeAll(async () => {
  db = await openNotificationsDatabase(environment.databaseUrl('notifications'));
  notifications = createNotificationRepository(db);
});

afterAll(async () => {
  await db?.destroy();
  await environment.cleanup();
});

/** A notification the worker delivered, with its timeline. */
async function delivered(overrides: Partial<Notification> = {}): Promise<Notification> {
  const notification = acceptedNotification({ status: 'DELIVERED', category: 'marketing', ...overrides });
  const at = notification.createdAt;
  await notifications.insertMany([
    {
      notification,
      events: (['ACCEPTED', 'QUEUED', 'SENDING', 'DELIVERED'] as const).map((status) => ({
        status,
        detail: null,
        at,
      })),
      outbox: undefined,
    },
  ]);
  return notification;
}

const feedbackReport = (
  notificationId: string,
  status: StatusReportCommand['status'],
  statusCode: string | null = '5.1.1',
): StatusReportCommand =>
  statusReport(notificationId, status, {
    detail: `${status === 'COMPLAINED' ? 'complaint' : 'bounce'}: smtp; 550 5.1.1 user unknown`,
    statusCode,
    attempt: 0,
  });

/** The report use case, telling a users service that fails while `usersDown` says so. */
function reporter() {
  const told: EmailFeedback[] = [];
  const published: StatusEvent[] = [];
  const counted: string[] = [];
  const users = { down: false };
  const report = makeReportStatuses({
    notifications,
    transactions: createNotificationsTransactions(db),
    optimisticRounds: OPTIMISTIC_ROUNDS,
    clock: { now: () => new Date() },
    statusFeed: { publish: async (events) => void published.push(...events) },
    onIgnored: () => undefined,
    onDelivered: () => undefined,
    onFeedback: (feedback) => counted.push(feedback.kind),
    recordFeedback: async (feedback) => {
      if (users.down) throw new UnavailableError('users is down');
      told.push(...feedback);
    },
    log: silent,
  });
  return { report, told, published, counted, users };
}

async function statusOf(id: string) {
  return (await notifications.findById(id))?.status;
}

describe('bounces and complaints on the status path', () => {
  it('moves a delivered email to BOUNCED, publishes it, and tells users with the code, diagnostic and category', async () => {
    const notification = await delivered();
    const { report, told, published, counted } = reporter();

    const [outcome] = await report([feedbackReport(notification.id, 'BOUNCED')]);

    expect(outcome).toMatchObject({ applied: true, status: 'BOUNCED' });
    expect(published.map((event) => [event.status, event.detail])).toEqual([
      ['BOUNCED', 'bounce: smtp; 550 5.1.1 user unknown'],
    ]);
    expect(told).toEqual([
      {
        kind: 'HARD_BOUNCE',
        userId: notification.userId,
        notificationId: notification.id,
        statusCode: '5.1.1',
        diagnostic: 'bounce: smtp; 550 5.1.1 user unknown',
        category: 'marketing',
      },
    ]);
    expect(counted).toEqual(['HARD_BOUNCE']);
  });

  it('records a soft bounce as a DELIVERED event, and tells users of it', async () => {
    const notification = await delivered();
    const { report, told, published } = reporter();

    const [outcome] = await report([feedbackReport(notification.id, 'SOFT_BOUNCED', '4.2.2')]);

    expect(outcome).toMatchObject({ applied: true, status: 'DELIVERED' });
    expect(await statusOf(notification.id)).toBe('DELIVERED');
    expect(published.map((event) => event.status)).toEqual(['DELIVERED']);
    expect((await notifications.listEvents(notification.id)).map((event) => event.status)).toEqual([
      'ACCEPTED',
      'QUEUED',
      'SENDING',
      'DELIVERED',
      'DELIVERED',
    ]);
    expect(told.map((feedback) => [feedback.kind, feedback.statusCode])).toEqual([['SOFT_BOUNCE', '4.2.2']]);
  });

  it('fails the report while users cannot be told, and tells users when the sender retries', async () => {
    const notification = await delivered();
    const { report, told, users } = reporter();

    users.down = true;
    await expect(report([feedbackReport(notification.id, 'COMPLAINED', null)])).rejects.toThrow(
      UnavailableError,
    );
    // The status is recorded: the complaint happened, whether users heard of it or not.
    expect(await statusOf(notification.id)).toBe('COMPLAINED');

    users.down = false;
    const [retried] = await report([feedbackReport(notification.id, 'COMPLAINED', null)]);

    expect(retried).toMatchObject({ applied: false, status: 'COMPLAINED' });
    expect(told.map((feedback) => [feedback.kind, feedback.notificationId])).toEqual([
      ['COMPLAINT', notification.id],
    ]);
  });

  it('tells users nothing of a bounce for a notification not delivered, or already bounced differently', async () => {
    const sending = await delivered({ status: 'SENDING' });
    const complained = await delivered({ status: 'COMPLAINED' });
    const { report, told } = reporter();

    const outcomes = await report([
      feedbackReport(sending.id, 'BOUNCED'),
      feedbackReport(complained.id, 'BOUNCED'),
    ]);

    expect(outcomes).toMatchObject([
      { applied: false, status: 'SENDING' },
      { applied: false, status: 'COMPLAINED' },
    ]);
    expect(told).toEqual([]);
  });
});
