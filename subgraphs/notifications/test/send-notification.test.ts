import { randomUUID } from 'node:crypto';
import { parseQueuedNotification } from '@herald/contracts';
import { waitFor } from '@herald/testkit';
import { promo, startNotifications, USERS, welcome, type RunningNotifications } from './start-notifications';

const NOTIFICATION_FIELDS = `
  id requestId channel status statusDetail priority locale category variables metadata templateVersion attempts
  createdAt updatedAt user { id } template { code } events { status detail at }`;

const SEND = `mutation Send($input: SendNotificationInput!) {
  sendNotification(input: $input) { duplicate notification { ${NOTIFICATION_FIELDS} } }
}`;

const GET = `query Get($id: ID!) { notification(id: $id) { ${NOTIFICATION_FIELDS} } }`;

interface NotificationView {
  id: string;
  requestId: string;
  channel: string;
  status: string;
  statusDetail: string | null;
  priority: number;
  locale: string | null;
  variables: Record<string, unknown>;
  templateVersion: number | null;
  createdAt: string;
  user: { id: string };
  template: { code: string };
  events: { status: string; detail: string | null }[];
}

interface SendData {
  sendNotification: { duplicate: boolean; notification: NotificationView };
}

let service: RunningNotifications;

beforeAll(async () => {
  service = await startNotifications();
});

afterAll(async () => {
  await service?.stop();
});

async function send(input: Record<string, unknown>, correlationId?: string) {
  return service.graphql<SendData>(SEND, { input }, { correlationId });
}

async function waitForStatus(id: string, status: string): Promise<NotificationView> {
  return waitFor(
    async () => {
      const result = await service.graphql<{ notification: NotificationView | null }>(GET, { id });
      return result.data?.notification?.status === status ? result.data.notification : undefined;
    },
    { description: `notification ${id} to be ${status}` },
  );
}

async function messagesFor(queue: string, notificationId: string) {
  const messages = await service.drainQueue(queue);
  return messages.filter(
    (message) =>
      (JSON.parse(message.content.toString()) as { notification_id: string }).notification_id ===
      notificationId,
  );
}

describe('sendNotification', () => {
  it('accepts a notification and puts exactly one §4 message on the email queue', async () => {
    const correlationId = randomUUID();
    const input = welcome({ priority: 8, metadata: { campaign: 'launch' } });
    const result = await send(input, correlationId);
    expect(result.errors).toBeUndefined();
    const accepted = result.data!.sendNotification;
    expect(accepted.duplicate).toBe(false);
    expect(accepted.notification).toMatchObject({
      requestId: input.requestId,
      channel: 'EMAIL',
      status: 'ACCEPTED',
      priority: 8,
      templateVersion: 3,
      locale: 'en',
      user: { id: USERS.ada.id },
      template: { code: 'welcome' },
    });

    const queued = await waitForStatus(accepted.notification.id, 'QUEUED');
    expect(queued.events.map((event) => event.status)).toEqual(['ACCEPTED', 'QUEUED']);

    const messages = await messagesFor(service.queues.email, accepted.notification.id);
    expect(messages).toHaveLength(1);
    const [message] = messages;
    expect(JSON.parse(message!.content.toString())).toEqual({
      notification_id: accepted.notification.id,
      request_id: input.requestId,
      user_id: USERS.ada.id,
      channel: 'email',
      template_code: 'welcome',
      template_version: 3,
      locale: 'en',
      variables: { name: 'Ada', link: 'https://example.test/start' },
      priority: 8,
      category: null,
      correlation_id: correlationId,
      attempt: 1,
      created_at: accepted.notification.createdAt,
      // This publish's copy of the message, named in the worker's SENDING claim.
      delivery_id: expect.stringMatching(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      ),
    });
    expect(message!.properties).toMatchObject({
      priority: 8,
      deliveryMode: 2,
      correlationId,
      messageId: accepted.notification.id,
    });
    // The workers' parser is the other side of the §4 contract.
    expect(() => parseQueuedNotification(JSON.parse(message!.content.toString()), 'email')).not.toThrow();
  });

  it("carries the sender's category into the queue message, for the worker's mail headers", async () => {
    const result = await send(welcome({ category: 'security' }));
    const { id } = result.data!.sendNotification.notification;
    await waitForStatus(id, 'QUEUED');
    const [message] = await messagesFor(service.queues.email, id);
    expect(parseQueuedNotification(JSON.parse(message!.content.toString()), 'email')).toMatchObject({
      notification_id: id,
      category: 'security',
    });
  });

  it('routes a push notification to the push queue', async () => {
    const result = await send(promo());
    const { id } = result.data!.sendNotification.notification;
    await waitForStatus(id, 'QUEUED');
    expect(await messagesFor(service.queues.push, id)).toHaveLength(1);
  });

  it('returns the original, and sends one message, when the same requestId arrives twice', async () => {
    const input = welcome();
    const first = await send(input);
    const second = await send({ ...input, variables: { link: 'https://example.test/start', name: 'Ada' } });
    expect(second.errors).toBeUndefined();
    expect(second.data!.sendNotification.duplicate).toBe(true);
    expect(second.data!.sendNotification.notification.id).toBe(first.data!.sendNotification.notification.id);

    const { id } = first.data!.sendNotification.notification;
    await waitForStatus(id, 'QUEUED');
    const third = await send(input);
    expect(third.data!.sendNotification).toMatchObject({
      duplicate: true,
      notification: { id, status: 'QUEUED' },
    });
    expect(await messagesFor(service.queues.email, id)).toHaveLength(1);
  });

  it('accepts one of several concurrent requests with the same requestId', async () => {
    const input = welcome();
    const results = await Promise.all([send(input), send(input), send(input), send(input)]);
    expect(results.map((result) => result.errors)).toEqual([undefined, undefined, undefined, undefined]);
    const ids = new Set(results.map((result) => result.data!.sendNotification.notification.id));
    expect(ids.size).toBe(1);
    expect(results.filter((result) => !result.data!.sendNotification.duplicate)).toHaveLength(1);
    const [id] = [...ids];
    await waitForStatus(id!, 'QUEUED');
    expect(await messagesFor(service.queues.email, id!)).toHaveLength(1);
  });

  it('accepts one of 100 concurrent identical requests: one row and one queue message', async () => {
    const input = welcome();
    const results = await Promise.all(Array.from({ length: 100 }, () => send(input)));
    expect(results.filter((result) => result.errors)).toEqual([]);
    const ids = new Set(results.map((result) => result.data!.sendNotification.notification.id));
    expect(ids.size).toBe(1);
    expect(results.filter((result) => !result.data!.sendNotification.duplicate)).toHaveLength(1);
    const [id] = [...ids];
    await waitForStatus(id!, 'QUEUED');
    expect(await messagesFor(service.queues.email, id!)).toHaveLength(1);
    const rows = await service.graphql<{ notifications: { items: { requestId: string }[] } }>(
      `query { notifications(filter: { userId: "${USERS.ada.id}" }, limit: 100) { items { requestId } } }`,
    );
    expect(rows.data!.notifications.items.filter((item) => item.requestId === input.requestId)).toHaveLength(
      1,
    );
  });

  it('refuses the same requestId with different variables as CONFLICT', async () => {
    const input = welcome();
    await send(input);
    const result = await send({ ...input, variables: { name: 'Grace', link: 'https://example.test/start' } });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT' });
  });

  it('lists the missing template variables as UNPROCESSABLE', async () => {
    const result = await send(welcome({ variables: { other: 1 } }));
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'UNPROCESSABLE',
      missing: ['name', 'link'],
    });
    expect(result.errors?.[0]?.message).toContain('name, link');
  });

  it('refuses a template that does not exist, or is for another channel, as UNPROCESSABLE', async () => {
    const unknown = await send(welcome({ templateCode: 'nope' }));
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'UNPROCESSABLE' });
    const wrongChannel = await send(welcome({ channel: 'PUSH' }));
    expect(wrongChannel.errors?.[0]?.extensions).toMatchObject({ code: 'UNPROCESSABLE' });
  });

  it('answers NOT_FOUND for an unknown user', async () => {
    const result = await send(welcome({ userId: randomUUID() }));
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('lists every malformed field as BAD_USER_INPUT', async () => {
    const result = await send(welcome({ userId: 'not-a-uuid', priority: 11, requestId: '' }));
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const fields = (result.errors?.[0]?.extensions?.issues as { field: string }[])
      .map((issue) => issue.field)
      .sort();
    expect(fields).toEqual(['priority', 'requestId', 'userId']);
  });

  it('stores a notification for a channel the user turned off as SKIPPED and queues nothing', async () => {
    const result = await send(welcome({ userId: USERS.grace.id }));
    const { notification } = result.data!.sendNotification;
    expect(notification).toMatchObject({ status: 'SKIPPED', statusDetail: expect.stringContaining('email') });
    expect(notification.events.map((event) => event.status)).toEqual(['ACCEPTED', 'SKIPPED']);
    expect(await messagesFor(service.queues.email, notification.id)).toHaveLength(0);
  });

  it('skips a category the user opted out of', async () => {
    const result = await send(welcome({ category: 'marketing' }));
    expect(result.data!.sendNotification.notification).toMatchObject({ status: 'SKIPPED' });
  });

  it('skips a push notification for a user without a valid device', async () => {
    const result = await send(promo({ userId: USERS.lin.id }));
    const { notification } = result.data!.sendNotification;
    expect(notification).toMatchObject({ status: 'SKIPPED', statusDetail: 'user has no valid push device' });
    expect(await messagesFor(service.queues.push, notification.id)).toHaveLength(0);
  });

  it('needs an identity', async () => {
    const result = await service.graphql(SEND, { input: welcome() }, { identity: null });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});

describe('notification queries', () => {
  it('pages through notifications filtered by user, status and channel', async () => {
    const query = `query List($filter: NotificationFilter, $page: Int, $limit: Int) {
      notifications(filter: $filter, page: $page, limit: $limit) {
        items { id user { id } status channel }
        meta { total limit page totalPages hasNext hasPrevious }
      }
    }`;
    const userId = USERS.grace.id;
    await send(welcome({ userId }));
    await send(welcome({ userId }));
    await send(promo({ userId }));

    const page = await service.graphql<{
      notifications: { items: { user: { id: string }; status: string; channel: string }[]; meta: unknown };
    }>(query, { filter: { userId, status: 'SKIPPED', channel: 'EMAIL' }, page: 1, limit: 1 });
    expect(page.errors).toBeUndefined();
    const { items, meta } = page.data!.notifications;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ user: { id: userId }, status: 'SKIPPED', channel: 'EMAIL' });
    expect(meta).toMatchObject({ limit: 1, page: 1, hasPrevious: false, hasNext: true });
    expect((meta as { total: number }).total).toBeGreaterThanOrEqual(2);

    const tooLarge = await service.graphql(query, { limit: 1000 });
    expect(tooLarge.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('answers null for an unknown or malformed id', async () => {
    for (const id of [randomUUID(), 'not-a-uuid']) {
      const result = await service.graphql<{ notification: unknown }>(GET, { id });
      expect(result).toEqual({ data: { notification: null } });
    }
  });

  it('resolves a Notification reference for the gateway', async () => {
    const sent = await send(welcome());
    const { id } = sent.data!.sendNotification.notification;
    const result = await service.graphql<{ _entities: unknown[] }>(
      `query Entities($representations: [_Any!]!) {
        _entities(representations: $representations) { ... on Notification { id requestId template { code } } }
      }`,
      {
        representations: [
          { __typename: 'Notification', id },
          { __typename: 'Notification', id: randomUUID() },
        ],
      },
    );
    expect(result.data?._entities).toEqual([
      { id, requestId: sent.data!.sendNotification.notification.requestId, template: { code: 'welcome' } },
      null,
    ]);
  });
});
