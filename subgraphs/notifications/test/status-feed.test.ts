import { randomUUID } from 'node:crypto';
import { createLogger } from '@herald/logging';
import { STATUS_CHANNEL } from '@herald/contracts';
import { connectRedis, createPubSubChannel, type RedisConnection } from '@herald/redis';
import { waitFor } from '@herald/testkit';
import type { StatusEvent } from '../src/domain/notification';
import { startNotifications, USERS, type RunningNotifications } from './start-notifications';

const log = createLogger({ service: 'notifications-test', level: 'silent' });

let service: RunningNotifications;
let redis: RedisConnection;
let unsubscribe: () => void;
const received: StatusEvent[] = [];

beforeAll(async () => {
  service = await startNotifications();
  redis = connectRedis({ url: service.env.redisUrl, prefix: service.env.redisPrefix }, log);
  unsubscribe = await createPubSubChannel<StatusEvent>(redis, STATUS_CHANNEL, log).subscribe((event) =>
    received.push(event),
  );
});

afterAll(async () => {
  unsubscribe?.();
  await redis?.close();
  await service?.stop();
});

const eventsFor = (id: string) => received.filter((event) => event.notificationId === id);

const send = (category?: string) => service.sendWelcome({ category });

function report(id: string, status: string, attempt = 1, detail = '') {
  return service.statusClient.ReportStatus({ notification_id: id, status, attempt, detail, timestamp: '' });
}

async function ignoredReports(reason: string): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${service.ports.http}/metrics`)).text();
  const line = text
    .split('\n')
    .find((candidate) =>
      candidate.startsWith(`herald_notifications_status_reports_ignored_total{reason="${reason}"`),
    );
  return line ? Number(line.split(' ').pop()) : 0;
}

async function waitForEvents(id: string, statuses: string[]): Promise<StatusEvent[]> {
  return waitFor(
    () => {
      const events = eventsFor(id);
      return events.length >= statuses.length ? events : undefined;
    },
    { description: `status events ${statuses.join(', ')} for ${id}` },
  );
}

describe('status fan-out on herald:status', () => {
  it('publishes one ordered event per applied change, and none for ignored reports', async () => {
    const id = await send();
    await waitForEvents(id, ['ACCEPTED', 'QUEUED']);
    const ignoredBefore = await ignoredReports('transition-not-allowed');

    await expect(report(id, 'DELIVERED')).resolves.toMatchObject({ applied: false, status: 'QUEUED' });
    await expect(report(id, 'SENDING')).resolves.toMatchObject({ applied: true });
    // A duplicate report (redelivered message).
    await expect(report(id, 'SENDING')).resolves.toMatchObject({ applied: false });
    await expect(report(id, 'DELIVERED', 1, 'provider-42')).resolves.toMatchObject({ applied: true });
    await expect(report(id, 'FAILED', 1, 'late')).resolves.toMatchObject({
      applied: false,
      status: 'DELIVERED',
    });

    const events = await waitForEvents(id, ['ACCEPTED', 'QUEUED', 'SENDING', 'DELIVERED']);
    expect(events.map((event) => event.status)).toEqual(['ACCEPTED', 'QUEUED', 'SENDING', 'DELIVERED']);
    expect(events[3]).toMatchObject({ notificationId: id, userId: USERS.ada.id, detail: 'provider-42' });
    expect(new Date(events[3]!.at).toISOString()).toBe(events[3]!.at);
    const sequences = events.map((event) => event.sequence);
    expect([...sequences].sort((a, b) => a - b)).toEqual(sequences);
    expect(new Set(sequences).size).toBe(4);

    expect(await ignoredReports('transition-not-allowed')).toBe(ignoredBefore + 3);
  });

  it('counts a report about an older attempt as stale', async () => {
    const id = await send();
    await waitForEvents(id, ['ACCEPTED', 'QUEUED']);
    const staleBefore = await ignoredReports('stale-attempt');
    await report(id, 'SENDING', 1);
    await report(id, 'RETRYING', 1);
    await expect(report(id, 'SENDING', 1)).resolves.toMatchObject({ applied: false, status: 'RETRYING' });
    expect(await ignoredReports('stale-attempt')).toBe(staleBefore + 1);
    const events = await waitForEvents(id, ['ACCEPTED', 'QUEUED', 'SENDING', 'RETRYING']);
    expect(events.map((event) => event.status)).toEqual(['ACCEPTED', 'QUEUED', 'SENDING', 'RETRYING']);
  });

  it('uses the notification_events ids as sequence numbers', async () => {
    const id = await send();
    const events = await waitForEvents(id, ['ACCEPTED', 'QUEUED']);
    expect(events[1]!.sequence).toBeGreaterThan(events[0]!.sequence);
  });
});

describe('retryNotification', () => {
  const RETRY = `mutation Retry($id: ID!) { retryNotification(id: $id) { id status attempts events { status detail } } }`;

  it('re-enqueues a FAILED notification with a new attempt series and records it', async () => {
    const id = await send('security');
    await waitForEvents(id, ['ACCEPTED', 'QUEUED']);
    await report(id, 'SENDING', 1);
    await report(id, 'RETRYING', 1, 'smtp 451');
    await report(id, 'SENDING', 2);
    await report(id, 'FAILED', 2, 'mailbox gone');

    const retried = await service.graphql<{
      retryNotification: { status: string; attempts: number; events: { status: string }[] };
    }>(RETRY, { id });
    expect(retried.errors).toBeUndefined();
    expect(retried.data!.retryNotification).toMatchObject({ status: 'ACCEPTED', attempts: 0 });

    const events = await waitForEvents(id, [
      'ACCEPTED',
      'QUEUED',
      'SENDING',
      'RETRYING',
      'SENDING',
      'FAILED',
      'ACCEPTED',
      'QUEUED',
    ]);
    expect(events.map((event) => event.status)).toEqual([
      'ACCEPTED',
      'QUEUED',
      'SENDING',
      'RETRYING',
      'SENDING',
      'FAILED',
      'ACCEPTED',
      'QUEUED',
    ]);
    const messages = (await service.drainQueue(service.queues.email))
      .map(
        (message) =>
          JSON.parse(message.content.toString()) as {
            notification_id: string;
            attempt: number;
            category: string;
          },
      )
      .filter((message) => message.notification_id === id);
    expect(messages.map((message) => message.attempt)).toEqual([1, 1]);
    // The retried message still carries the category the sender gave.
    expect(messages.map((message) => message.category)).toEqual(['security', 'security']);

    // The new series starts at attempt 1 again.
    await expect(report(id, 'SENDING', 1)).resolves.toMatchObject({ applied: true, status: 'SENDING' });
  });

  it('refuses a notification that has not failed as CONFLICT, and an unknown one as NOT_FOUND', async () => {
    const id = await send();
    const conflict = await service.graphql(RETRY, { id });
    expect(conflict.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', status: expect.any(String) });
    const unknown = await service.graphql(RETRY, { id: randomUUID() });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
