import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createTestEnvironment } from '@herald/testkit';
import type { NotificationEvent } from '../src/domain/notification';
import { buildQueueMessage } from '../src/domain/queue-message';
import { createNotificationRepository } from '../src/store/notification.repository';
import { openNotificationsDatabase } from '../src/store/notifications-database';
import type { NewNotification, NotificationRepository } from '../src/use-cases/ports';
import { acceptedNotification } from './notification-fixture';

const environment = createTestEnvironment();
let db: DataSource;
let repository: NotificationRepository;

beforeAll(async () => {
  db = await openNotificationsDatabase(environment.databaseUrl('notifications'));
  repository = createNotificationRepository(db);
});

afterAll(async () => {
  await db?.destroy();
  await environment.cleanup();
});

const NOW = new Date('2025-01-02T03:04:05.678Z');

function queued(requestId = `req-${randomUUID()}`): NewNotification {
  const notification = acceptedNotification({
    requestId,
    variables: { name: 'Ada', nested: { quote: `it's "here"`, list: [1, null] } },
    metadata: { campaign: 'launch' },
    priority: 7,
    createdAt: NOW,
    updatedAt: NOW,
  });
  return {
    notification,
    events: [{ status: 'ACCEPTED', detail: null, at: NOW }],
    outbox: {
      routingKey: 'email',
      payload: buildQueueMessage(notification, 'corr'),
      priority: 7,
      correlationId: 'corr',
    },
  };
}

function skipped(): NewNotification {
  const { notification } = queued();
  const events: NotificationEvent[] = [
    { status: 'ACCEPTED', detail: null, at: NOW },
    { status: 'SKIPPED', detail: 'user turned email off', at: NOW },
  ];
  return {
    notification: { ...notification, status: 'SKIPPED', statusDetail: 'user turned email off' },
    events,
    outbox: undefined,
  };
}

async function outboxOf(ids: readonly string[]): Promise<{ notification_id: string; payload: unknown }[]> {
  return db.query(`SELECT notification_id, payload FROM outbox WHERE notification_id = ANY($1::uuid[])`, [
    ids,
  ]);
}

async function eventCount(ids: readonly string[]): Promise<number> {
  const [row] = (await db.query(
    `SELECT count(*)::int AS count FROM notification_events WHERE notification_id = ANY($1::uuid[])`,
    [ids],
  )) as { count: number }[];
  return row!.count;
}

describe('insertMany', () => {
  it('stores each notification as given, with its events in order and its outbox message', async () => {
    const send = queued();
    const skip = skipped();
    const outcomes = await repository.insertMany([skip, send]);

    expect(outcomes).toEqual([
      {
        inserted: true,
        events: [
          // Each event carries the notification as that change left it.
          expect.objectContaining({
            status: 'ACCEPTED',
            notificationId: skip.notification.id,
            notification: expect.objectContaining({ status: 'ACCEPTED', statusDetail: null }),
          }),
          expect.objectContaining({
            status: 'SKIPPED',
            detail: 'user turned email off',
            notification: expect.objectContaining({
              status: 'SKIPPED',
              statusDetail: 'user turned email off',
            }),
          }),
        ],
      },
      {
        inserted: true,
        events: [
          {
            notificationId: send.notification.id,
            userId: send.notification.userId,
            status: 'ACCEPTED',
            at: NOW.toISOString(),
            detail: null,
            sequence: expect.any(Number),
            notification: {
              id: send.notification.id,
              requestId: send.notification.requestId,
              userId: send.notification.userId,
              channel: 'EMAIL',
              templateCode: send.notification.templateCode,
              templateVersion: send.notification.templateVersion,
              locale: send.notification.locale,
              category: send.notification.category,
              priority: send.notification.priority,
              status: 'ACCEPTED',
              statusDetail: null,
              attempts: 0,
              sendAt: null,
              scheduledFor: null,
              createdAt: NOW.toISOString(),
              updatedAt: NOW.toISOString(),
            },
          },
        ],
      },
    ]);
    const [accepted, skippedEvent] = outcomes[0]!.inserted ? outcomes[0]!.events : [];
    expect(skippedEvent!.sequence).toBeGreaterThan(accepted!.sequence);

    await expect(repository.findById(send.notification.id)).resolves.toEqual(send.notification);
    await expect(repository.findById(skip.notification.id)).resolves.toEqual(skip.notification);
    expect(await outboxOf([send.notification.id, skip.notification.id])).toEqual([
      { notification_id: send.notification.id, payload: send.outbox!.payload },
    ]);
  });

  it('leaves out a request id stored already or repeated in the call: no row, no event, no message', async () => {
    const original = queued();
    await repository.insertMany([original]);
    const again = queued(original.notification.requestId);
    const fresh = queued();
    const repeated = queued(fresh.notification.requestId);

    const outcomes = await repository.insertMany([again, fresh, repeated]);

    expect(outcomes.map((outcome) => outcome.inserted)).toEqual([false, true, false]);
    const leftOut = [again.notification.id, repeated.notification.id];
    await expect(repository.findById(again.notification.id)).resolves.toBeUndefined();
    await expect(repository.findById(repeated.notification.id)).resolves.toBeUndefined();
    expect(await eventCount(leftOut)).toBe(0);
    expect(await outboxOf(leftOut)).toEqual([]);
    const { requestId } = original.notification;
    expect((await repository.findByRequests('admin', [requestId])).get(requestId)).toEqual(
      original.notification,
    );
  });

  it('inserts one of many concurrent calls with the same request id, with one outbox message', async () => {
    const requestId = `req-${randomUUID()}`;
    const racers = Array.from({ length: 20 }, () => queued(requestId));

    const outcomes = await Promise.all(racers.map((racer) => repository.insertMany([racer])));

    const winners = racers.filter((_, index) => outcomes[index]![0]!.inserted);
    expect(winners).toHaveLength(1);
    const ids = racers.map((racer) => racer.notification.id);
    expect(await outboxOf(ids)).toEqual([
      { notification_id: winners[0]!.notification.id, payload: winners[0]!.outbox!.payload },
    ]);
    expect(await eventCount(ids)).toBe(1);
    const stored = await repository.findByRequests('admin', [requestId, 'req-never-sent']);
    expect([...stored.values()]).toEqual([winners[0]!.notification]);
  });
});
