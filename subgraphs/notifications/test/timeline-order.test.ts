import { createLogger } from '@herald/logging';
import { STATUS_CHANNEL } from '@herald/contracts';
import { connectRedis, createPubSubChannel, type RedisConnection } from '@herald/redis';
import { waitFor } from '@herald/testkit';
import type { StatusEvent } from '../src/domain/notification';
import { promo, startNotifications, type RunningNotifications } from './start-notifications';

const log = createLogger({ service: 'notifications-test', level: 'silent' });

interface TimelineView {
  status: string;
  updatedAt: string;
  events: { status: string; at: string }[];
}

const GET = `query Get($id: ID!) { notification(id: $id) { status updatedAt events { status at } } }`;

let service: RunningNotifications;
let redis: RedisConnection;
let unsubscribe: () => void;
const published: StatusEvent[] = [];

beforeAll(async () => {
  service = await startNotifications();
  redis = connectRedis({ url: service.env.redisUrl, prefix: service.env.redisPrefix }, log);
  unsubscribe = await createPubSubChannel<StatusEvent>(redis, STATUS_CHANNEL, log).subscribe((event) =>
    published.push(event),
  );
});

afterAll(async () => {
  unsubscribe?.();
  await redis?.close();
  await service?.stop();
});

async function timeline(id: string): Promise<TimelineView> {
  const result = await service.graphql<{ notification: TimelineView }>(GET, { id });
  return result.data!.notification;
}

async function queuedNotification(): Promise<{ id: string; queuedAt: number }> {
  const result = await service.graphql<{ sendNotification: { notification: { id: string } } }>(
    `mutation Send($input: SendNotificationInput!) { sendNotification(input: $input) { notification { id } } }`,
    { input: promo() },
  );
  const { id } = result.data!.sendNotification.notification;
  const queued = await waitFor(
    async () => (await timeline(id)).events.find((event) => event.status === 'QUEUED'),
    { description: `notification ${id} queued` },
  );
  return { id, queuedAt: Date.parse(queued.at) };
}

const at = (epochMs: number) => new Date(epochMs).toISOString();

const entry = (notificationId: string, status: string, attempt: number, timestamp: string) => ({
  notification_id: notificationId,
  status,
  attempt,
  detail: status === 'RETRYING' || status === 'FAILED' ? 'smtp 451' : '',
  timestamp,
});

/** Every event at or after the one before it, and updatedAt at or after the last. */
function expectNonDecreasing(view: TimelineView): void {
  const times = view.events.map((event) => Date.parse(event.at));
  expect(times).toEqual([...times].sort((a, b) => a - b));
  expect(Date.parse(view.updatedAt)).toBeGreaterThanOrEqual(times[times.length - 1]!);
}

async function publishedFor(id: string, count: number): Promise<StatusEvent[]> {
  return waitFor(
    () => {
      const events = published.filter((event) => event.notificationId === id);
      return events.length >= count ? events : undefined;
    },
    { description: `${count} status events for ${id}` },
  );
}

describe('a notification timeline', () => {
  it('records a SENDING report stamped before QUEUED at the time of QUEUED, and publishes that time', async () => {
    const { id, queuedAt } = await queuedNotification();
    // The worker stamped SENDING as it took the message, 46 ms before the relay recorded QUEUED.
    await service.statusClient.ReportStatus(entry(id, 'SENDING', 1, at(queuedAt - 46)));

    const view = await timeline(id);
    expect(view.events.map((event) => event.status)).toEqual(['ACCEPTED', 'QUEUED', 'SENDING']);
    expect(view.events[2]!.at).toBe(at(queuedAt));
    expectNonDecreasing(view);

    const events = await publishedFor(id, 3);
    expect(events.map((event) => [event.status, event.at])).toEqual(
      view.events.map((event) => [event.status, event.at]),
    );
    // The snapshot each event carries has the same clamped times.
    expect(events[2]!.notification).toMatchObject({ id, status: 'SENDING', attempts: 1 });
    expect(Date.parse(events[2]!.notification.updatedAt)).toBeGreaterThanOrEqual(queuedAt);
  });

  it('never runs backwards, whatever order reports arrive in, one by one or in one batch', async () => {
    const { id, queuedAt } = await queuedNotification();
    // One batch: SENDING stamped late, RETRYING stamped before it.
    await service.statusClient.ReportStatusBatch({
      reports: [entry(id, 'SENDING', 1, at(queuedAt + 300)), entry(id, 'RETRYING', 1, at(queuedAt + 100))],
    });
    // Then one at a time: the next attempt stamped before all of them, then DELIVERED in between.
    await service.statusClient.ReportStatus(entry(id, 'SENDING', 2, at(queuedAt - 1000)));
    await service.statusClient.ReportStatus(entry(id, 'DELIVERED', 2, at(queuedAt + 200)));

    const view = await timeline(id);
    expect(view.events.map((event) => [event.status, Date.parse(event.at) - queuedAt])).toEqual([
      ['ACCEPTED', expect.any(Number)],
      ['QUEUED', 0],
      ['SENDING', 300],
      ['RETRYING', 300],
      ['SENDING', 300],
      ['DELIVERED', 300],
    ]);
    expectNonDecreasing(view);
    const events = await publishedFor(id, 6);
    expect(events.map((event) => event.at)).toEqual(view.events.map((event) => event.at));
  });

  it('stamps the events of a retry no earlier than the failure a worker stamped ahead of this clock', async () => {
    const { id, queuedAt } = await queuedNotification();
    const ahead = queuedAt + 60_000;
    await service.statusClient.ReportStatusBatch({
      reports: [entry(id, 'SENDING', 1, at(ahead)), entry(id, 'FAILED', 1, at(ahead))],
    });
    const retried = await service.graphql(`mutation Retry($id: ID!) { retryNotification(id: $id) { id } }`, {
      id,
    });
    expect(retried.errors).toBeUndefined();
    const view = await waitFor(
      async () => {
        const current = await timeline(id);
        return current.status === 'QUEUED' ? current : undefined;
      },
      { description: 'the retry queued' },
    );
    expect(view.events.slice(-2)).toEqual([
      { status: 'ACCEPTED', at: at(ahead) },
      { status: 'QUEUED', at: at(ahead) },
    ]);
    expectNonDecreasing(view);
    const events = await publishedFor(id, 6);
    expect(events.slice(-2).map((event) => [event.status, event.at, event.notification.updatedAt])).toEqual([
      ['ACCEPTED', at(ahead), at(ahead)],
      ['QUEUED', at(ahead), at(ahead)],
    ]);
  });
});
