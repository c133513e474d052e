import type { DataSource } from 'typeorm';
import { createLogger } from '@herald/logging';
import { createTestEnvironment, waitFor } from '@herald/testkit';
import { buildQueueMessage } from '../src/domain/queue-message';
import { listenForOutbox, type OutboxListener } from '../src/store/outbox-listener';
import { createNotificationRepository } from '../src/store/notification.repository';
import { openNotificationsDatabase } from '../src/store/notifications-database';
import { acceptedNotification } from './notification-fixture';

const log = createLogger({ service: 'notifications-test', level: 'silent' });
const environment = createTestEnvironment();
let db: DataSource;
let listener: OutboxListener | undefined;

beforeAll(async () => {
  db = await openNotificationsDatabase(environment.databaseUrl('notifications'));
});

afterAll(async () => {
  await listener?.close();
  await db?.destroy();
  await environment.cleanup();
});

describe('outbox LISTEN/NOTIFY', () => {
  it('wakes the relay when another connection commits outbox rows', async () => {
    let wakes = 0;
    listener = await listenForOutbox(db, () => (wakes += 1), log);
    const repository = createNotificationRepository(db);

    const queued = [acceptedNotification(), acceptedNotification()];
    await repository.insertMany(
      queued.map((item) => ({
        notification: item,
        events: [{ status: 'ACCEPTED' as const, detail: null, at: item.createdAt }],
        outbox: {
          routingKey: 'email' as const,
          payload: buildQueueMessage(item, 'corr'),
          priority: 5,
          correlationId: 'corr',
        },
      })),
    );
    await waitFor(() => wakes >= 1, { description: 'the NOTIFY of the outbox insert' });
  });
});
