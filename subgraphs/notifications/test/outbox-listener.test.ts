import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createLogger } from '@herald/logging';
import { createTestEnvironment, waitFor } from '@herald/testkit';
import { buildQueueMessage } from '../src/domain/queue-message';
import type { Notification } from '../src/domain/notification';
import { listenForOutbox, type OutboxListener } from '../src/store/outbox-listener';
import { createNotificationRepository } from '../src/store/notification.repository';
import { openNotificationsDatabase } from '../src/store/notifications-database';

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

function notification(): Notification {
  const now = new Date();
  return {
    id: randomUUID(),
    requestId: `req-${randomUUID()}`,
    sender: 'admin',
    userId: randomUUID(),
    channel: 'EMAIL',
    templateCode: 'welcome',
    templateVersion: 1,
    locale: 'en',
    category: null,
    variables: {},
    metadata: null,
    priority: 5,
    status: 'ACCEPTED',
    statusDetail: null,
    attempts: 0,
    claimedBy: null,
    requestHash: 'hash',
    sendAt: null,
    dueAt: null,
    correlationId: 'corr',
    createdAt: now,
    updatedAt: now,
  };
}

describe('outbox LISTEN/NOTIFY', () => {
  it('wakes the relay when another connection commits outbox rows', async () => {
    let wakes = 0;
    listener = await listenForOutbox(db, () => (wakes += 1), log);
    const repository = createNotificationRepository(db);

    const queued = [notification(), notification()];
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
