import { randomUUID } from 'node:crypto';
import { NotFoundError } from '@herald/errors';
import { createGrpcClient, loadHeraldProto } from '@herald/proto';
import { waitFor } from '@herald/testkit';
import { startNotifications, type RunningNotifications } from './start-notifications';

interface NotificationView {
  id: string;
  status: string;
  statusDetail: string | null;
  attempts: number;
  events: { status: string; detail: string | null; at: string }[];
}

const GET = `query Get($id: ID!) { notification(id: $id) { id status statusDetail attempts events { status detail at } } }`;

let service: RunningNotifications;

beforeAll(async () => {
  service = await startNotifications();
});

afterAll(async () => {
  await service?.stop();
});

async function get(id: string): Promise<NotificationView> {
  const result = await service.graphql<{ notification: NotificationView }>(GET, { id });
  return result.data!.notification;
}

/** A notification the relay has queued, as a worker would find it. */
async function queuedNotification(): Promise<string> {
  const id = await service.sendWelcome();
  await waitFor(async () => (await get(id)).status === 'QUEUED', {
    description: `notification ${id} queued`,
  });
  return id;
}

function report(notificationId: string, status: string, attempt = 1, detail = '', timestamp = '') {
  return service.statusClient.ReportStatus({
    notification_id: notificationId,
    status,
    attempt,
    detail,
    timestamp,
  });
}

/** A worker's SENDING claim for one copy of the queue message (its delivery id). */
function claim(notificationId: string, deliveryId: string, attempt = 1) {
  return service.statusClient.ReportStatus({
    notification_id: notificationId,
    status: 'SENDING',
    attempt,
    detail: '',
    timestamp: '',
    delivery_id: deliveryId,
  });
}

describe('ReportStatus', () => {
  it('moves a notification through SENDING to DELIVERED and records the timeline', async () => {
    const id = await queuedNotification();
    // The worker's clock, a minute ahead of this one: its time is recorded as it says.
    const sentAt = new Date(Date.now() + 60_000).toISOString();
    await expect(report(id, 'SENDING', 1, '', sentAt)).resolves.toEqual({
      notification_id: id,
      applied: true,
      status: 'SENDING',
      claimed_by_another_delivery: false,
      lease_remaining_ms: 0,
    });
    await expect(report(id, 'DELIVERED', 1, 'provider-id-42')).resolves.toEqual({
      notification_id: id,
      applied: true,
      status: 'DELIVERED',
      claimed_by_another_delivery: false,
      lease_remaining_ms: 0,
    });

    const notification = await get(id);
    expect(notification).toMatchObject({ status: 'DELIVERED', statusDetail: 'provider-id-42', attempts: 1 });
    expect(notification.events.map(({ status, detail }) => ({ status, detail }))).toEqual([
      { status: 'ACCEPTED', detail: null },
      { status: 'QUEUED', detail: null },
      { status: 'SENDING', detail: null },
      { status: 'DELIVERED', detail: 'provider-id-42' },
    ]);
    expect(notification.events[2]?.at).toBe(sentAt);
    // DELIVERED, stamped now by this clock, is not recorded before SENDING.
    expect(notification.events[3]?.at).toBe(sentAt);
  });

  it('does not apply a report after DELIVERED, and says the notification is delivered', async () => {
    const id = await queuedNotification();
    await report(id, 'SENDING');
    await report(id, 'DELIVERED');
    await expect(report(id, 'FAILED', 1, 'late failure')).resolves.toEqual({
      notification_id: id,
      applied: false,
      status: 'DELIVERED',
      claimed_by_another_delivery: false,
      lease_remaining_ms: 0,
    });
    await expect(report(id, 'SENDING', 2)).resolves.toEqual({
      notification_id: id,
      applied: false,
      status: 'DELIVERED',
      claimed_by_another_delivery: false,
      lease_remaining_ms: 0,
    });
    const notification = await get(id);
    expect(notification.status).toBe('DELIVERED');
    expect(notification.events).toHaveLength(4);
  });

  it('counts attempts across a retry', async () => {
    const id = await queuedNotification();
    await report(id, 'SENDING', 1);
    await report(id, 'RETRYING', 1, 'smtp 451');
    await expect(report(id, 'SENDING', 1)).resolves.toMatchObject({ applied: false, status: 'RETRYING' });
    await report(id, 'SENDING', 2);
    await report(id, 'DELIVERED', 2);
    expect(await get(id)).toMatchObject({ status: 'DELIVERED', attempts: 2 });
  });

  it('applies exactly one of several concurrent SENDING reports', async () => {
    const id = await queuedNotification();
    const results = await Promise.all(Array.from({ length: 6 }, () => report(id, 'SENDING', 1)));
    expect(results.filter((result) => result.applied)).toHaveLength(1);
    expect(await get(id)).toMatchObject({ status: 'SENDING', attempts: 1 });
  });

  it('lets one copy of a message hold SENDING: another copy is refused, the same copy claims again', async () => {
    const id = await queuedNotification();
    const [first, second] = [randomUUID(), randomUUID()];
    await expect(claim(id, first)).resolves.toMatchObject({ applied: true, status: 'SENDING' });
    // The relay published the row twice: the second copy, even at another attempt, is turned away.
    await expect(claim(id, second, 3)).resolves.toEqual({
      notification_id: id,
      applied: false,
      status: 'SENDING',
      claimed_by_another_delivery: true,
      lease_remaining_ms: 0,
    });
    // The first copy redelivered after a worker crash: still its claim, so the worker sends.
    await expect(claim(id, first)).resolves.toEqual({
      notification_id: id,
      applied: false,
      status: 'SENDING',
      claimed_by_another_delivery: false,
      lease_remaining_ms: 0,
    });
    await report(id, 'DELIVERED');
    await expect(claim(id, second)).resolves.toMatchObject({ applied: false, status: 'DELIVERED' });
    const notification = await get(id);
    expect(notification).toMatchObject({ status: 'DELIVERED', attempts: 1 });
    expect(notification.events.map((event) => event.status)).toEqual([
      'ACCEPTED',
      'QUEUED',
      'SENDING',
      'DELIVERED',
    ]);
  });

  it('grants exactly one of two copies claiming in one batch, and keeps granting the holder', async () => {
    const id = await queuedNotification();
    const [first, second] = [randomUUID(), randomUUID()];
    const entry = (delivery_id: string) => ({
      notification_id: id,
      status: 'SENDING',
      attempt: 1,
      detail: '',
      timestamp: '',
      delivery_id,
    });
    const { results } = await service.statusClient.ReportStatusBatch({
      reports: [entry(first), entry(second), entry(first)],
    });
    expect(results.map((result) => [result.applied, result.claimed_by_another_delivery])).toEqual([
      [true, false],
      [false, true],
      [false, false],
    ]);
  });

  it('answers NOT_FOUND for an unknown notification and BAD_USER_INPUT for a status a worker cannot report', async () => {
    await expect(report(randomUUID(), 'SENDING')).rejects.toBeInstanceOf(NotFoundError);
    const id = await queuedNotification();
    await expect(report(id, 'QUEUED')).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});

describe('ReportStatusBatch', () => {
  it('applies each report in order and marks unknown notifications as not applied', async () => {
    const id = await queuedNotification();
    const unknown = randomUUID();
    const entry = (notification_id: string, status: string) => ({
      notification_id,
      status,
      attempt: 1,
      detail: '',
      timestamp: '',
    });
    const { results } = await service.statusClient.ReportStatusBatch({
      reports: [
        entry(id, 'SENDING'),
        entry(unknown, 'SENDING'),
        entry(id, 'DELIVERED'),
        entry(id, 'DELIVERED'),
      ],
    });
    expect(results).toEqual([
      {
        notification_id: id,
        applied: true,
        status: 'SENDING',
        claimed_by_another_delivery: false,
        lease_remaining_ms: 0,
      },
      {
        notification_id: unknown,
        applied: false,
        status: '',
        claimed_by_another_delivery: false,
        lease_remaining_ms: 0,
      },
      {
        notification_id: id,
        applied: true,
        status: 'DELIVERED',
        claimed_by_another_delivery: false,
        lease_remaining_ms: 0,
      },
      {
        notification_id: id,
        applied: false,
        status: 'DELIVERED',
        claimed_by_another_delivery: false,
        lease_remaining_ms: 0,
      },
    ]);
  });

  it('claims each notification once when two batches race over the same notifications in opposite orders', async () => {
    const ids = await Promise.all([queuedNotification(), queuedNotification(), queuedNotification()]);
    const claim = (order: readonly string[]) =>
      service.statusClient.ReportStatusBatch({
        reports: order.map((notification_id) => ({
          notification_id,
          status: 'SENDING',
          attempt: 1,
          detail: '',
          timestamp: '',
        })),
      });
    const [first, second] = await Promise.all([claim(ids), claim([...ids].reverse())]);
    const claimed = [...first.results, ...second.results].filter((result) => result.applied);
    expect(claimed.map((result) => result.notification_id).sort()).toEqual([...ids].sort());
    for (const id of ids) expect(await get(id)).toMatchObject({ status: 'SENDING', attempts: 1 });
  });
});

describe('ReportStatusStream', () => {
  const entry = (notification_id: string, status: string, delivery_id = '') => ({
    notification_id,
    status,
    attempt: 1,
    detail: '',
    timestamp: '',
    delivery_id,
  });

  it('applies each batch on the stream as ReportStatusBatch does, answering each by its id', async () => {
    const [first, second] = await Promise.all([queuedNotification(), queuedNotification()]);
    const unknown = randomUUID();
    const stream = service.statusClient.ReportStatusStream;

    // A worker's claim of one notification beside the DELIVERED of the one before it.
    const [claims, outcome] = await Promise.all([
      stream.request({ reports: [entry(first, 'SENDING', randomUUID()), entry(unknown, 'SENDING')] }),
      stream.request({ reports: [entry(second, 'SENDING', randomUUID())] }),
    ]);
    const settled = await stream.request({
      reports: [entry(first, 'DELIVERED'), entry(second, 'SENDING', randomUUID())],
    });

    expect(claims.results).toEqual([
      {
        notification_id: first,
        applied: true,
        status: 'SENDING',
        claimed_by_another_delivery: false,
        lease_remaining_ms: 0,
      },
      {
        notification_id: unknown,
        applied: false,
        status: '',
        claimed_by_another_delivery: false,
        lease_remaining_ms: 0,
      },
    ]);
    expect(outcome.results).toEqual([
      {
        notification_id: second,
        applied: true,
        status: 'SENDING',
        claimed_by_another_delivery: false,
        lease_remaining_ms: 0,
      },
    ]);
    expect(settled.results).toEqual([
      {
        notification_id: first,
        applied: true,
        status: 'DELIVERED',
        claimed_by_another_delivery: false,
        lease_remaining_ms: 0,
      },
      {
        notification_id: second,
        applied: false,
        status: 'SENDING',
        claimed_by_another_delivery: true,
        lease_remaining_ms: 0,
      },
    ]);
    expect((await get(first)).events.map((event) => event.status)).toEqual([
      'ACCEPTED',
      'QUEUED',
      'SENDING',
      'DELIVERED',
    ]);
  });

  it('answers a batch it refuses with the error ReportStatusBatch would fail with, and the stream goes on', async () => {
    const id = await queuedNotification();
    const stream = service.statusClient.ReportStatusStream;

    await expect(stream.request({ reports: [entry(id, 'QUEUED')] })).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    await expect(stream.request({ reports: [entry(id, 'SENDING')] })).resolves.toMatchObject({
      results: [{ notification_id: id, applied: true, status: 'SENDING' }],
    });
    await expect(stream.check()).resolves.toBeUndefined();
  });

  it('refuses a stream opened without the internal token', async () => {
    const id = await queuedNotification();
    const intruder = createGrpcClient(
      loadHeraldProto().herald.v1.NotificationStatusService,
      `127.0.0.1:${service.ports.grpc ?? 0}`,
      { internalToken: 'guessed', deadlineMs: 5000 },
    );
    try {
      await expect(
        intruder.ReportStatusStream.request({ reports: [entry(id, 'DELIVERED')] }),
      ).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
      expect((await get(id)).status).toBe('QUEUED');
    } finally {
      intruder.close();
    }
  });
});

describe('reportNotificationStatus (status callbacks of external senders)', () => {
  const REPORT = `mutation Report($input: NotificationStatusReportInput!) {
    reportNotificationStatus(input: $input) { notificationId applied status }
  }`;
  const statusSender = { kind: 'service' as const, id: 'key-status', scopes: ['notifications:status'] };

  it('applies the same rules as the workers: only legal changes are recorded, late ones are not', async () => {
    const id = await queuedNotification();
    const send = (status: string) =>
      service.graphql<{ reportNotificationStatus: { applied: boolean; status: string } }>(
        REPORT,
        { input: { notificationId: id, channel: 'EMAIL', status, detail: 'from the provider webhook' } },
        { identity: statusSender },
      );
    expect((await send('DELIVERED')).data?.reportNotificationStatus).toMatchObject({
      applied: false,
      status: 'QUEUED',
    });
    expect((await send('SENDING')).data?.reportNotificationStatus).toMatchObject({ applied: true });
    expect((await send('DELIVERED')).data?.reportNotificationStatus).toMatchObject({
      applied: true,
      status: 'DELIVERED',
    });
    expect((await send('FAILED')).data?.reportNotificationStatus).toMatchObject({
      applied: false,
      status: 'DELIVERED',
    });
    expect((await get(id)).events.map((event) => event.status)).toContain('DELIVERED');
  });

  it('refuses a callback for the wrong channel, and a caller without notifications:status', async () => {
    const id = await queuedNotification();
    const input = { notificationId: id, channel: 'PUSH', status: 'DELIVERED' };
    const wrongChannel = await service.graphql(REPORT, { input }, { identity: statusSender });
    expect(wrongChannel.errors?.[0]?.extensions?.code).toBe('UNPROCESSABLE');

    const sender = { kind: 'service' as const, id: 'key-send', scopes: ['notifications:send'] };
    const forbidden = await service.graphql(
      REPORT,
      { input: { ...input, channel: 'EMAIL' } },
      { identity: sender },
    );
    expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await get(id)).status).toBe('QUEUED');
  });
});
