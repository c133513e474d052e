import { randomUUID } from 'node:crypto';
import { waitFor } from '@herald/testkit';
import { startNotifications, welcome, type RunningNotifications } from './start-notifications';

interface NotificationView {
  status: string;
  statusDetail: string | null;
  events: { status: string; detail: string | null }[];
}

const GET = `query Get($id: ID!) { notification(id: $id) { status statusDetail events { status detail } } }`;
const SEND = `mutation Send($input: SendNotificationInput!) { sendNotification(input: $input) { notification { id } } }`;
/** Short enough for a test, long enough that the relay and the claim land well within it. */
const SENDING_BOUND_MS = 1500;

let service: RunningNotifications;

beforeAll(async () => {
  service = await startNotifications({
    env: { STATUS_BOUND_SENDING_MS: String(SENDING_BOUND_MS), SWEEPER_POLL_MS: '100' },
  });
});

afterAll(async () => {
  await service?.stop();
});

async function get(id: string): Promise<NotificationView> {
  return (await service.graphql<{ notification: NotificationView }>(GET, { id })).data!.notification;
}

async function sweptCount(): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${service.ports.http}/metrics`)).text();
  const line = text
    .split('\n')
    .find((row) => row.startsWith('herald_notifications_swept_total{') && row.includes('status="sending"'));
  return line ? Number(line.split(' ').pop()) : 0;
}

function claim(notificationId: string, deliveryId: string) {
  return service.statusClient.ReportStatus({
    notification_id: notificationId,
    status: 'SENDING',
    attempt: 1,
    detail: '',
    timestamp: '',
    delivery_id: deliveryId,
  });
}

describe('a notification whose delivery report is lost', () => {
  it('is resolved FAILED as an unknown outcome after its bound, never sent again, and a late DELIVERED still counts', async () => {
    const sent = await service.graphql<{ sendNotification: { notification: { id: string } } }>(SEND, {
      input: welcome({ requestId: `req-${randomUUID()}` }),
    });
    const id = sent.data!.sendNotification.notification.id;
    await waitFor(async () => (await get(id)).status === 'QUEUED', { description: 'queued' });
    // A worker takes the message, claims it and hands it to the provider; then it dies, or its
    // DELIVERED report is dropped: nothing more reaches the service.
    const [message] = await service.drainQueue(service.queues.email);
    const deliveryId = (JSON.parse(message!.content.toString()) as { delivery_id: string }).delivery_id;
    await expect(claim(id, deliveryId)).resolves.toMatchObject({ applied: true, status: 'SENDING' });
    const sweptBefore = await sweptCount();

    await waitFor(async () => (await get(id)).status === 'FAILED', {
      description: 'resolved past the SENDING bound',
      timeoutMs: 15_000,
    });

    const resolved = await get(id);
    expect(resolved.statusDetail).toBe(
      'outcome unknown: no report within 1500ms of SENDING; the provider may have delivered it, so it is not sent again',
    );
    expect(resolved.events.map((event) => event.status)).toEqual(['ACCEPTED', 'QUEUED', 'SENDING', 'FAILED']);
    expect(await sweptCount()).toBe(sweptBefore + 1);
    // Nothing was queued again, and the message's redelivery is told the notification is settled,
    // so a worker acks it without sending.
    expect(await service.drainQueue(service.queues.email)).toEqual([]);
    await expect(claim(id, deliveryId)).resolves.toMatchObject({ applied: false, status: 'FAILED' });

    // The report arrives after all: the outcome is known, and recorded.
    await expect(
      service.statusClient.ReportStatus({
        notification_id: id,
        status: 'DELIVERED',
        attempt: 1,
        detail: 'provider-id-late',
        timestamp: '',
      }),
    ).resolves.toMatchObject({ applied: true, status: 'DELIVERED' });
    expect((await get(id)).events.map((event) => event.status)).toEqual([
      'ACCEPTED',
      'QUEUED',
      'SENDING',
      'FAILED',
      'DELIVERED',
    ]);
  });
});
