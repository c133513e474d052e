import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createTestEnvironment, waitFor } from '@herald/testkit';
import { buildQueueMessage } from '../src/domain/queue-message';
import { createNotificationRepository } from '../src/store/notification.repository';
import { openNotificationsDatabase } from '../src/store/notifications-database';
import { acceptedNotification } from './notification-fixture';
import { startNotifications, USERS, type RunningNotifications } from './start-notifications';

const SEND = `mutation Send($input: SendNotificationInput!) {
  sendNotification(input: $input) { notification { id } }
}`;
const COUNT_QUEUED = `query Queued { notifications(filter: { status: QUEUED }, limit: 1) { meta { total } } }`;

/** A counter of /metrics by its label value: `{published, empty, failed}` of the relay's passes, … */
async function countsOf(service: RunningNotifications, metric: string): Promise<Record<string, number>> {
  const text = await (await fetch(`http://127.0.0.1:${service.ports.http}/metrics`)).text();
  const counts: Record<string, number> = {};
  for (const match of text.matchAll(new RegExp(`^${metric}\\{\\w+="(\\w+)"[^}]*\\} (\\d+)$`, 'gm'))) {
    counts[match[1]!] = Number(match[2]);
  }
  return counts;
}

async function counters(service: RunningNotifications) {
  const [passes, direct, published] = await Promise.all([
    countsOf(service, 'herald_outbox_relay_passes_total'),
    countsOf(service, 'herald_outbox_direct_publishes_total'),
    countsOf(service, 'herald_messages_published_total'),
  ]);
  return {
    relayPublished: passes.published ?? 0,
    relayEmpty: passes.empty ?? 0,
    directRecorded: direct.recorded ?? 0,
    brokerPublishes: Object.values(published).reduce((sum, count) => sum + count, 0),
  };
}

async function queuedCount(service: RunningNotifications): Promise<number> {
  const result = await service.graphql<{ notifications: { meta: { total: number } } }>(COUNT_QUEUED);
  return result.data?.notifications.meta.total ?? 0;
}

function send(service: RunningNotifications) {
  return service.graphql(SEND, {
    input: { channel: 'PUSH', userId: USERS.ada.id, templateCode: 'promo', requestId: `req-${randomUUID()}` },
  });
}

describe('outbox relay wake-ups', () => {
  let service: RunningNotifications;
  beforeAll(async () => {
    // The safety poll (60 s here) stays out of the count: the relay makes its start-up pass only.
    service = await startNotifications();
    await waitFor(async () => (await counters(service)).relayEmpty === 1, {
      description: 'the start-up pass',
    });
  });
  afterAll(() => service?.stop());

  it('queues each accepted notification by its own publish, without waking the relay', async () => {
    const before = await counters(service);
    // At a low rate: each notification is queued before the next is sent.
    for (let index = 1; index <= 10; index += 1) {
      await send(service);
      await waitFor(async () => (await queuedCount(service)) === index, { description: `${index} queued` });
    }
    const paced = await counters(service);
    // Then at once: sent one after the other without waiting, and ten at a time.
    for (let index = 0; index < 20; index += 1) await send(service);
    for (let batch = 0; batch < 3; batch += 1) {
      await Promise.all(Array.from({ length: 10 }, () => send(service)));
    }
    await waitFor(async () => (await queuedCount(service)) === 60, {
      description: '60 notifications queued',
    });
    const after = await counters(service);
    const delta = (from: typeof before, to: typeof before) =>
      `${to.relayPublished - from.relayPublished} relay passes publishing, ` +
      `${to.relayEmpty - from.relayEmpty} empty, ${to.directRecorded - from.directRecorded} direct publishes ` +
      `recorded, ${to.brokerPublishes - from.brokerPublishes} broker publishes`;
    process.stdout.write(
      `10 paced accepts: ${delta(before, paced)}; 50 quick accepts: ${delta(paced, after)}\n`,
    );
    // One publish per accept, each recorded by its own path; the relay is not woken at all (it
    // used to make one pass per paced accept, and an empty one now and then for quick ones).
    expect(after.brokerPublishes - before.brokerPublishes).toBe(60);
    expect(after.directRecorded - before.directRecorded).toBe(60);
    expect(after.relayPublished - before.relayPublished).toBe(0);
    expect(after.relayEmpty - before.relayEmpty).toBe(0);
  });
});

const GRACE_MS = 1000;

describe('outbox rows nobody published (another replica that crashed after its commit, or a failed publish)', () => {
  const environment = createTestEnvironment();
  let service: RunningNotifications;
  let db: DataSource;
  beforeAll(async () => {
    service = await startNotifications({
      environment,
      env: { OUTBOX_POLL_MS: '200', OUTBOX_GRACE_MS: String(GRACE_MS) },
    });
    db = await openNotificationsDatabase(environment.databaseUrl('notifications'));
  });
  afterAll(async () => {
    await db?.destroy();
    await service?.stop();
    await environment.cleanup();
  });

  it('are published by the safety poll once older than the grace', async () => {
    const written = Date.now();
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
    // Not before: until then their writer may be publishing them itself.
    expect(Date.now() - written).toBeGreaterThanOrEqual(GRACE_MS);
  });
});
