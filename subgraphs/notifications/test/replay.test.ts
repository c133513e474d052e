import { randomUUID } from 'node:crypto';
import { IDENTITY_HEADER, encodeIdentity, type Identity } from '@herald/identity';
import { waitFor } from '@herald/testkit';
import { promo, startNotifications, USERS, welcome, type RunningNotifications } from './start-notifications';

const REPLAY = `mutation Replay($filter: ReplayFailedFilter, $limit: Int) {
  replayFailedNotifications(filter: $filter, limit: $limit) { replayed notificationIds }
}`;
const GET = `query Get($id: ID!) { notification(id: $id) { status attempts events { status detail } } }`;
const SEND = `mutation Send($input: SendNotificationInput!) { sendNotification(input: $input) { notification { id } } }`;

const ada: Identity = { kind: 'user', id: USERS.ada.id, role: 'user', scopes: [] };
const sender: Identity = {
  kind: 'service',
  id: 'key-sender',
  scopes: ['notifications:send', 'notifications:read'],
};

interface ReplayResult {
  replayed: number;
  notificationIds: string[];
}

let service: RunningNotifications;

beforeAll(async () => {
  service = await startNotifications();
});

afterAll(async () => {
  await service?.stop();
});

async function get(id: string) {
  const result = await service.graphql<{
    notification: { status: string; attempts: number; events: { status: string; detail: string | null }[] };
  }>(GET, { id });
  return result.data!.notification;
}

/**
 * A notification a worker took off its queue and failed with `reason`, as the workers do: the
 * queue message is consumed, SENDING then FAILED reported.
 */
async function failed(channel: 'EMAIL' | 'PUSH', reason: string): Promise<string> {
  const input = channel === 'EMAIL' ? welcome() : promo();
  const sent = await service.graphql<{ sendNotification: { notification: { id: string } } }>(SEND, { input });
  const id = sent.data!.sendNotification.notification.id;
  await waitFor(async () => (await get(id)).status === 'QUEUED', { description: `${id} queued` });
  await service.drainQueue(channel === 'EMAIL' ? service.queues.email : service.queues.push);
  for (const status of ['SENDING', 'FAILED']) {
    await service.statusClient.ReportStatus({
      notification_id: id,
      status,
      attempt: 1,
      detail: status === 'FAILED' ? reason : '',
      timestamp: '',
    });
  }
  return id;
}

async function failedMany(count: number, channel: 'EMAIL' | 'PUSH', reason: string): Promise<string[]> {
  const ids: string[] = [];
  for (let index = 0; index < count; index += 1) ids.push(await failed(channel, reason));
  return ids;
}

/** A moment strictly after every failure recorded so far, and before any recorded later. */
async function boundary(): Promise<Date> {
  const last = Date.now();
  await waitFor(async () => Date.now() > last, { description: 'the clock moved on' });
  return new Date();
}

async function replay(filter: Record<string, unknown>, limit?: number, identity?: Identity) {
  return service.graphql<{ replayFailedNotifications: ReplayResult }>(
    REPLAY,
    { filter, ...(limit === undefined ? {} : { limit }) },
    identity ? { identity } : {},
  );
}

async function replayed(filter: Record<string, unknown>, limit?: number): Promise<ReplayResult> {
  const result = await replay(filter, limit);
  expect(result.errors).toBeUndefined();
  return result.data!.replayFailedNotifications;
}

async function statuses(ids: readonly string[]): Promise<string[]> {
  return Promise.all(ids.map(async (id) => (await get(id)).status));
}

describe('replayFailedNotifications', () => {
  it('replays only the failed notifications its filter selects: channel, time range and reason', async () => {
    const tag = randomUUID().slice(0, 8);
    const earlyMail = await failedMany(2, 'EMAIL', `mailbox gone ${tag}`);
    const earlyPush = await failed('PUSH', `token invalid ${tag}`);
    const otherReason = await failed('EMAIL', `quota exceeded ${tag}`);
    const cut = await boundary();
    const lateMail = await failed('EMAIL', `mailbox gone ${tag}`);

    const first = await replayed({
      channel: 'EMAIL',
      failedTo: cut.toISOString(),
      reason: `MAILBOX GONE ${tag}`,
    });

    expect(first).toEqual({ replayed: 2, notificationIds: earlyMail });
    expect(await statuses([earlyPush, otherReason, lateMail])).toEqual(['FAILED', 'FAILED', 'FAILED']);
    await waitFor(async () => (await statuses(earlyMail)).every((status) => status === 'QUEUED'), {
      description: 'the replayed notifications queued again',
    });
    const view = await get(earlyMail[0]!);
    expect(view.attempts).toBe(0);
    expect(view.events.slice(-3)).toEqual([
      { status: 'FAILED', detail: `mailbox gone ${tag}` },
      { status: 'ACCEPTED', detail: 'replay requested after 1 attempt(s)' },
      { status: 'QUEUED', detail: null },
    ]);
    const messages = (await service.drainQueue(service.queues.email)).map(
      (message) => JSON.parse(message.content.toString()) as { notification_id: string; attempt: number },
    );
    expect(messages.filter((message) => earlyMail.includes(message.notification_id))).toEqual(
      earlyMail.map((id) => expect.objectContaining({ notification_id: id, attempt: 1 })),
    );

    await expect(replayed({ failedFrom: cut.toISOString(), reason: tag })).resolves.toEqual({
      replayed: 1,
      notificationIds: [lateMail],
    });
    await expect(replayed({ channel: 'PUSH', reason: tag })).resolves.toEqual({
      replayed: 1,
      notificationIds: [earlyPush],
    });
    expect(await statuses([otherReason])).toEqual(['FAILED']);
  });

  it('replays at most limit per call, oldest failure first, and says how many', async () => {
    const tag = randomUUID().slice(0, 8);
    const ids = await failedMany(5, 'EMAIL', `bounced ${tag}`);

    const calls = [
      await replayed({ reason: tag }, 2),
      await replayed({ reason: tag }, 2),
      await replayed({ reason: tag }, 2),
    ];

    expect(calls).toEqual([
      { replayed: 2, notificationIds: ids.slice(0, 2) },
      { replayed: 2, notificationIds: ids.slice(2, 4) },
      { replayed: 1, notificationIds: ids.slice(4) },
    ]);
    await expect(replayed({ reason: tag })).resolves.toEqual({ replayed: 0, notificationIds: [] });
    for (const limit of [0, 1001]) {
      const refused = await replay({ reason: tag }, limit);
      expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
  });

  it('never replays a notification twice when calls run at the same time', async () => {
    const tag = randomUUID().slice(0, 8);
    const ids = await failedMany(12, 'EMAIL', `rejected ${tag}`);

    const results = await Promise.all(Array.from({ length: 6 }, () => replayed({ reason: tag }, 5)));

    const taken = results.flatMap((result) => result.notificationIds);
    expect(results.reduce((sum, result) => sum + result.replayed, 0)).toBe(ids.length);
    expect(new Set(taken).size).toBe(ids.length);
    expect([...taken].sort()).toEqual([...ids].sort());
    await waitFor(async () => (await statuses(ids)).every((status) => status === 'QUEUED'), {
      description: 'every replayed notification queued',
    });
    for (const id of ids) {
      const replays = (await get(id)).events.filter((event) => event.detail?.startsWith('replay requested'));
      expect(replays).toHaveLength(1);
    }
    const messages = (await service.drainQueue(service.queues.email))
      .map(
        (message) => (JSON.parse(message.content.toString()) as { notification_id: string }).notification_id,
      )
      .filter((id) => ids.includes(id));
    expect(messages.sort()).toEqual([...ids].sort());
  });

  it('is for admins only, over GraphQL and over gRPC (the REST shim)', async () => {
    const tag = randomUUID().slice(0, 8);
    const [id] = await failedMany(1, 'PUSH', `unregistered ${tag}`);

    for (const identity of [ada, sender]) {
      const refused = await replay({ reason: tag }, undefined, identity);
      expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const asIdentity = (identity: Identity) => ({ [IDENTITY_HEADER]: encodeIdentity(identity) });
    await expect(
      service.notificationClient.ReplayFailed({ reason: tag }, asIdentity(sender)),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await statuses([id!])).toEqual(['FAILED']);

    await expect(
      service.notificationClient.ReplayFailed(
        { channel: 'PUSH', reason: tag, failed_from: new Date(0).toISOString(), failed_to: '', limit: 0 },
        asIdentity({ kind: 'admin', id: 'admin', scopes: [] }),
      ),
    ).resolves.toEqual({ replayed: 1, notification_ids: [id] });
  });
});
