import { randomUUID } from 'node:crypto';
import { waitFor } from '@herald/testkit';
import { promo, startNotifications, USERS, type RunningNotifications } from './start-notifications';

const FIELDS = `id status statusDetail sendAt scheduledFor events { status detail }`;
const SEND = `mutation Send($input: SendNotificationInput!) { sendNotification(input: $input) { notification { ${FIELDS} } } }`;
const GET = `query Get($id: ID!) { notification(id: $id) { ${FIELDS} } }`;
const CANCEL = `mutation Cancel($id: ID!) { cancelNotification(id: $id) { ${FIELDS} } }`;

interface NotificationView {
  id: string;
  status: string;
  statusDetail: string | null;
  sendAt: string | null;
  scheduledFor: string | null;
  events: { status: string; detail: string | null }[];
}

/** The service's clock; tests move it forward. */
let now = new Date('2025-01-10T10:00:00.000Z');
let service: RunningNotifications;

beforeAll(async () => {
  service = await startNotifications({
    env: { SCHEDULER_POLL_MS: '25' },
    overrides: { clock: { now: () => now } },
  });
});

afterAll(async () => {
  await service?.stop();
});

async function send(input: Record<string, unknown>): Promise<NotificationView> {
  const result = await service.graphql<{ sendNotification: { notification: NotificationView } }>(SEND, {
    input: promo(input),
  });
  expect(result.errors).toBeUndefined();
  return result.data!.sendNotification.notification;
}

async function get(id: string): Promise<NotificationView> {
  return (await service.graphql<{ notification: NotificationView }>(GET, { id })).data!.notification;
}

const waitForStatus = (id: string, status: string) =>
  waitFor(async () => ((await get(id)).status === status ? get(id) : undefined), {
    description: `${id} to be ${status}`,
  });

/** Messages on the push queue (draining it). */
async function pushed(): Promise<{ notification_id: string; category: string | null }[]> {
  return (await service.drainQueue(service.queues.push)).map(
    (message) =>
      JSON.parse(message.content.toString()) as { notification_id: string; category: string | null },
  );
}

/** Messages on the push queue, by notification id (draining it). */
async function pushedIds(): Promise<string[]> {
  return (await pushed()).map((message) => message.notification_id);
}

/** An immediate send that the relay has queued: everything queued before it is on the queue too. */
async function relayCaughtUp(): Promise<string> {
  const probe = await send({ userId: USERS.ada.id, category: 'critical' });
  await waitForStatus(probe.id, 'QUEUED');
  return probe.id;
}

describe('scheduling', () => {
  it('holds a future sendAt as SCHEDULED, without a message, until the clock reaches it', async () => {
    const sendAt = new Date(now.getTime() + 60 * 60_000).toISOString();
    const scheduled = await send({ userId: USERS.ada.id, sendAt, category: 'digest' });
    expect(scheduled).toMatchObject({ status: 'SCHEDULED', sendAt, scheduledFor: sendAt });
    expect(scheduled.events.map((event) => event.status)).toEqual(['ACCEPTED', 'SCHEDULED']);

    const probe = await relayCaughtUp();
    expect(await pushedIds()).toEqual([probe]);

    now = new Date(new Date(sendAt).getTime() + 1000);
    const queued = await waitForStatus(scheduled.id, 'QUEUED');
    expect(queued.scheduledFor).toBeNull();
    expect(queued.events.map((event) => event.status)).toEqual(['ACCEPTED', 'SCHEDULED', 'QUEUED']);
    // Released with the category the sender gave.
    expect(await pushed()).toEqual([
      expect.objectContaining({ notification_id: scheduled.id, category: 'digest' }),
    ]);
  });

  it("holds a notification in the user's quiet hours until the window ends in their timezone", async () => {
    now = new Date('2025-01-10T22:30:00.000Z'); // 23:30 in Berlin
    const quiet = await send({ userId: USERS.night.id });
    expect(quiet).toMatchObject({ status: 'SCHEDULED', scheduledFor: '2025-01-11T06:00:00.000Z' });
    expect(quiet.statusDetail).toContain('quiet hours');

    const critical = await send({ userId: USERS.night.id, category: 'critical' });
    expect(critical.status).toBe('ACCEPTED');
    await waitForStatus(critical.id, 'QUEUED');
    expect(await pushedIds()).toEqual([critical.id]);

    now = new Date('2025-01-11T06:00:00.000Z');
    await waitForStatus(quiet.id, 'QUEUED');
    expect(await pushedIds()).toEqual([quiet.id]);
  });

  it('cancels a scheduled notification, which then never goes out', async () => {
    const sendAt = new Date(now.getTime() + 10 * 60_000).toISOString();
    const scheduled = await send({ userId: USERS.ada.id, sendAt });
    const cancelled = await service.graphql<{ cancelNotification: NotificationView }>(CANCEL, {
      id: scheduled.id,
    });
    expect(cancelled.errors).toBeUndefined();
    expect(cancelled.data!.cancelNotification).toMatchObject({ status: 'CANCELLED', scheduledFor: null });
    expect(cancelled.data!.cancelNotification.events.map((event) => event.status)).toEqual([
      'ACCEPTED',
      'SCHEDULED',
      'CANCELLED',
    ]);

    now = new Date(new Date(sendAt).getTime() + 60_000);
    const probe = await relayCaughtUp();
    expect(await pushedIds()).toEqual([probe]);
    expect((await get(scheduled.id)).status).toBe('CANCELLED');

    const again = await service.graphql(CANCEL, { id: scheduled.id });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', status: 'CANCELLED' });
    const queued = await service.graphql(CANCEL, { id: probe });
    expect(queued.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', status: 'QUEUED' });
    const unknown = await service.graphql(CANCEL, { id: randomUUID() });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
