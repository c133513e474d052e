import type { DataSource } from 'typeorm';
import { createTestEnvironment, waitFor } from '@herald/testkit';
import { buildQueueMessage } from '../src/domain/queue-message';
import { createNotificationRepository } from '../src/store/notification.repository';
import { openNotificationsDatabase } from '../src/store/notifications-database';
import { acceptedNotification } from './notification-fixture';
import { promo, startNotifications, type RunningNotifications } from './start-notifications';

const SEND = `mutation Send($input: SendNotificationInput!) {
  sendNotification(input: $input) { notification { id } }
}`;
const COUNT_QUEUED = `query Queued { notifications(filter: { status: QUEUED }, limit: 1) { meta { total } } }`;

async function relayPasses(service: RunningNotifications): Promise<Record<string, number>> {
  const text = await (await fetch(`http://127.0.0.1:${service.ports.http}/metrics`)).text();
  const passes: Record<string, number> = { published: 0, empty: 0, failed: 0 };
  for (const match of text.matchAll(/^herald_outbox_relay_passes_total\{result="(\w+)"[^}]*\} (\d+)$/gm)) {
    passes[match[1]!] = Number(match[2]);
  }
  return passes;
}

async function queuedCount(service: RunningNotifications): Promise<number> {
  const result = await service.graphql<{ notifications: { meta: { total: number } } }>(COUNT_QUEUED);
  return result.data?.notifications.meta.total ?? 0;
}

function send(service: RunningNotifications) {
  return service.graphql(SEND, {
    input: promo(),
  });
}

describe('outbox relay wake-ups', () => {
  let service: RunningNotifications;
  beforeAll(async () => {
    // The safety poll (60 s here) stays out of the count: every pass below is a wake-up by an accept.
    service = await startNotifications();
  });
  afterAll(() => service?.stop());

  it('queues each accepted notification after one wake-up, without empty passes', async () => {
    const before = await relayPasses(service);
    // At a low rate: each notification is queued before the next is sent.
    for (let index = 1; index <= 10; index += 1) {
      await send(service);
      await waitFor(async () => (await queuedCount(service)) === index, { description: `${index} queued` });
    }
    const paced = await relayPasses(service);
    // Then at once: sent one after the other without waiting, and ten at a time.
    for (let index = 0; index < 20; index += 1) await send(service);
    for (let batch = 0; batch < 3; batch += 1) {
      await Promise.all(Array.from({ length: 10 }, () => send(service)));
    }
    await waitFor(async () => (await queuedCount(service)) === 60, {
      description: '60 notifications queued',
    });
    const after = await relayPasses(service);
    const delta = (from: Record<string, number>, to: Record<string, number>) =>
      `${to.published! - from.published!} published, ${to.empty! - from.empty!} empty`;
    process.stdout.write(
      `relay passes: 10 paced accepts ${delta(before, paced)}; 50 quick accepts ${delta(paced, after)}\n`,
    );
    // One pass per paced accept. Quick accepts share passes, and a kick arriving while a pass
    // claims its row costs one empty pass. Woken twice per accept (a kick and a NOTIFY), the
    // relay made about one empty pass per paced accept.
    expect(paced.published! - before.published!).toBe(10);
    expect(paced.empty! - before.empty!).toBe(0);
    expect(after.empty! - paced.empty!).toBeLessThanOrEqual(5);
  });
});

describe('outbox rows no kick announced (another replica, or one that crashed after its commit)', () => {
  const environment = createTestEnvironment();
  let service: RunningNotifications;
  let db: DataSource;
  beforeAll(async () => {
    service = await startNotifications({ environment, env: { OUTBOX_POLL_MS: '200' } });
    db = await openNotificationsDatabase(environment.databaseUrl('notifications'));
  });
  afterAll(async () => {
    await db?.destroy();
    await service?.stop();
    await environment.cleanup();
  });

  it('are published by the safety poll', async () => {
    const elsewhere = [acceptedNotification(), acceptedNotification()];
    await createNotificationRepository(db).insertMany(
      elsewhere.map((notification) => ({
        notification,
        events: [{ status: 'ACCEPTED' as const, detail: null, at: notification.createdAt }],
        outbox: {
          routingKey: 'email' as const,
          payload: buildQueueMessage(notification, 'corr'),
          priority: 5,
          correlationId: 'corr',
        },
      })),
    );
    const ids: string[] = [];
    // Well within the default 15 s deadline, whichever pass of the 200 ms poll picks them up.
    await waitFor(
      async () => {
        for (const message of await service.drainQueue(service.queues.email)) {
          ids.push((JSON.parse(message.content.toString()) as { notification_id: string }).notification_id);
        }
        return ids.length >= elsewhere.length;
      },
      { description: 'the rows committed elsewhere, published', timeoutMs: 3000 },
    );
    expect(ids.sort()).toEqual(elsewhere.map((notification) => notification.id).sort());
  });
});
