import { randomUUID } from 'node:crypto';
import { ConflictError, NotFoundError, UnavailableError, UnprocessableError } from '@herald/errors';
import { createLogger } from '@herald/logging';
import type { Notification, NotificationEvent } from '../domain/notification';
import type { NewOutboxMessage, NotificationRepository, Recipient, TemplateSummary } from './ports';
import { makeAcceptNotifications } from './accept-notifications';
import { sendNotificationInput, type SendNotificationInput } from './prepare-notification';
import { makeSendNotification } from './send-notification.use-case';
import { makeSendNotifications } from './send-notifications.use-case';

const USER_ID = '6f1c1d7e-3b1a-4a51-9a8e-2f0b8b7c5d01';
const NOW = new Date('2025-01-02T03:04:05.000Z');
const ada: Recipient = {
  id: USER_ID,
  locale: 'de',
  preferences: { email: true, push: true, optedOutCategories: [], quietHours: null },
  hasValidPushDevice: true,
  emailSuppressed: false,
};
const welcome: TemplateSummary = {
  code: 'welcome',
  channel: 'EMAIL',
  version: 3,
  locale: 'de',
  variables: ['name'],
};

/** Stores in memory; `racingOriginal` plays a concurrent request that commits first. */
function fakeNotifications(racingOriginal?: Notification) {
  const stored: {
    notification: Notification;
    events: readonly NotificationEvent[];
    outbox?: NewOutboxMessage;
  }[] = [];
  let raced = false;
  const reads: string[] = [];
  const byRequest = (sender: string, requestId: string) =>
    stored.find(({ notification }) => notification.sender === sender && notification.requestId === requestId);
  const repository: NotificationRepository = {
    async insertMany(items) {
      if (racingOriginal) {
        raced = true;
        return items.map(() => ({ inserted: false }));
      }
      // The (sender, request_id) unique index.
      return items.map((item) => {
        if (byRequest(item.notification.sender, item.notification.requestId)) return { inserted: false };
        stored.push(item);
        return { inserted: true, events: [] };
      });
    },
    async findByRequests(sender, requestIds) {
      const found = new Map<string, Notification>();
      for (const requestId of requestIds) {
        reads.push(`request ${requestId}`);
        const original = raced ? racingOriginal : byRequest(sender, requestId)?.notification;
        if (original) found.set(requestId, original);
      }
      return found;
    },
    async findById(id) {
      reads.push(`id ${id}`);
      return stored.find(({ notification }) => notification.id === id)?.notification;
    },
    async findByIds(ids) {
      const found = new Map<string, Notification>();
      for (const id of ids) {
        reads.push(`id ${id}`);
        const notification = stored.find((item) => item.notification.id === id)?.notification;
        if (notification) found.set(id, notification);
      }
      return found;
    },
    list: () => Promise.reject(new Error('not used')),
    listEvents: () => Promise.reject(new Error('not used')),
    findVersioned: () => Promise.reject(new Error('not used')),
    recordChangesIfUnchanged: () => Promise.reject(new Error('not used')),
    takeClaimLeases: () => Promise.reject(new Error('not used')),
  };
  return { repository, stored, reads };
}

function setUp(
  options: {
    user?: Recipient;
    template?: TemplateSummary;
    racingOriginal?: Notification;
    usersDown?: boolean;
  } = {},
) {
  const notifications = fakeNotifications(options.racingOriginal);
  const lookups: { templateLocale: string | null }[] = [];
  const requestIndex = new Map<string, { notificationId: string; requestHash: string }>();
  let kicks = 0;
  const acceptMany = makeAcceptNotifications({
    notifications: notifications.repository,
    users: {
      findUser: async (id) => {
        if (options.usersDown) throw new UnavailableError('users is down');
        return id === USER_ID ? (options.user ?? ada) : undefined;
      },
      findUsers: () => Promise.reject(new Error('not used')),
    },
    templates: {
      findTemplate: async (code, locale) => {
        lookups.push({ templateLocale: locale });
        const template = options.template ?? welcome;
        return code === template.code ? template : undefined;
      },
    },
    requestIndex: {
      find: async (sender, requestId) => requestIndex.get(`${sender}:${requestId}`),
      remember: async (sender, requestId, entry) => void requestIndex.set(`${sender}:${requestId}`, entry),
    },
    clock: { now: () => NOW },
    newId: randomUUID,
    statusFeed: { publish: async () => undefined },
    onQueued: () => (kicks += 1),
    log: createLogger({ service: 'notifications-test', level: 'silent' }),
  });
  const send = makeSendNotification(acceptMany);
  const sendMany = makeSendNotifications(acceptMany);
  return {
    send,
    sendMany,
    stored: notifications.stored,
    reads: notifications.reads,
    lookups,
    requestIndex,
    kicks: () => kicks,
  };
}

function input(overrides: Partial<Record<keyof SendNotificationInput, unknown>> = {}): SendNotificationInput {
  return sendNotificationInput.parse({
    channel: 'EMAIL',
    userId: USER_ID,
    templateCode: 'welcome',
    variables: { name: 'Ada' },
    requestId: 'req-1',
    ...overrides,
  });
}

const command = (overrides: Partial<Record<keyof SendNotificationInput, unknown>> = {}) => ({
  input: input(overrides),
  caller: { identity: { kind: 'admin' as const, id: 'admin', scopes: [] } },
  correlationId: 'corr-1',
});

describe('sendNotification', () => {
  it('stores the notification with its ACCEPTED event and its queue message, then wakes the relay', async () => {
    const { send, stored, kicks } = setUp();
    const result = await send(command());
    expect(result).toMatchObject({
      duplicate: false,
      notification: { status: 'ACCEPTED', templateVersion: 3, locale: 'de', priority: 5 },
    });
    expect(stored).toHaveLength(1);
    expect(stored[0]?.events).toEqual([{ status: 'ACCEPTED', detail: null, at: NOW }]);
    expect(stored[0]?.outbox).toMatchObject({
      routingKey: 'email',
      priority: 5,
      correlationId: 'corr-1',
      payload: { attempt: 1 },
    });
    expect(kicks()).toBe(1);
  });

  it("asks for the template in the request's locale, else the user's", async () => {
    const { send, lookups } = setUp();
    await send(command({ requestId: 'a', locale: 'fr' }));
    await send(command({ requestId: 'b' }));
    expect(lookups).toEqual([{ templateLocale: 'fr' }, { templateLocale: 'de' }]);
  });

  it('returns the original for a repeated request without asking the other services again', async () => {
    const { send, lookups } = setUp();
    const first = await send(command());
    const again = await send(command());
    expect(again).toEqual({ notification: first.notification, duplicate: true });
    expect(lookups).toHaveLength(1);
  });

  it('reads nothing from PostgreSQL before inserting a request Redis does not know', async () => {
    const { send, stored, reads } = setUp();
    await send(command());
    expect(stored).toHaveLength(1);
    expect(reads).toEqual([]);
  });

  it('answers a repeat Redis forgot with its original, found through the unique index', async () => {
    const { send, stored, requestIndex, kicks } = setUp();
    const first = await send(command());
    requestIndex.clear();
    await expect(send(command())).resolves.toEqual({ notification: first.notification, duplicate: true });
    await expect(send(command({ priority: 9 }))).rejects.toBeInstanceOf(ConflictError);
    expect(stored).toHaveLength(1);
    expect(kicks()).toBe(1);
  });

  it('answers a repeat Redis forgot with its original even when the users service is down since', async () => {
    const options = { usersDown: false };
    const { send, requestIndex } = setUp(options);
    const first = await send(command());
    requestIndex.clear();
    options.usersDown = true;
    await expect(send(command())).resolves.toEqual({ notification: first.notification, duplicate: true });
    await expect(send(command({ requestId: 'req-2' }))).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });

  it('refuses a reused request id with another body', async () => {
    const { send } = setUp();
    await send(command());
    await expect(send(command({ priority: 9 }))).rejects.toBeInstanceOf(ConflictError);
  });

  it('refuses a reused request id from the Redis fast path, before reading PostgreSQL', async () => {
    const { send, requestIndex } = setUp();
    requestIndex.set('admin:req-1', { notificationId: 'n-elsewhere', requestHash: 'another body' });
    await expect(send(command())).rejects.toBeInstanceOf(ConflictError);
  });

  it('records each accepted request in the fast path', async () => {
    const { send, requestIndex } = setUp();
    const { notification } = await send(command());
    expect(requestIndex.get('admin:req-1')).toEqual({
      notificationId: notification.id,
      requestHash: notification.requestHash,
    });
  });

  it('returns the notification of a concurrent request that won the insert', async () => {
    const winner = setUp();
    const original = (await winner.send(command())).notification;
    const { send, kicks } = setUp({ racingOriginal: original });
    await expect(send(command())).resolves.toEqual({ notification: original, duplicate: true });
    expect(kicks()).toBe(0);
  });

  it('stores a notification for a channel the user turned off as SKIPPED, without a queue message', async () => {
    const { send, stored, kicks } = setUp({
      user: { ...ada, preferences: { ...ada.preferences, email: false } },
    });
    const { notification } = await send(command());
    expect(notification).toMatchObject({ status: 'SKIPPED', statusDetail: expect.stringContaining('email') });
    expect(stored[0]?.events.map((event) => event.status)).toEqual(['ACCEPTED', 'SKIPPED']);
    expect(stored[0]?.outbox).toBeUndefined();
    expect(kicks()).toBe(0);
  });

  it('refuses an unknown user, a template of another channel and missing variables', async () => {
    const { send } = setUp();
    await expect(send(command({ userId: '6f1c1d7e-3b1a-4a51-9a8e-2f0b8b7c5d09' }))).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(send(command({ channel: 'PUSH' }))).rejects.toBeInstanceOf(UnprocessableError);
    await expect(send(command({ variables: {} }))).rejects.toMatchObject({
      code: 'UNPROCESSABLE',
      details: { missing: ['name'] },
    });
  });

  it('holds a future sendAt as SCHEDULED without a queue message', async () => {
    const { send, stored, kicks } = setUp();
    const sendAt = new Date(NOW.getTime() + 60_000);
    const { notification } = await send(command({ sendAt }));
    expect(notification).toMatchObject({ status: 'SCHEDULED', dueAt: sendAt, sendAt });
    expect(stored[0]?.events.map((event) => event.status)).toEqual(['ACCEPTED', 'SCHEDULED']);
    expect(stored[0]?.outbox).toBeUndefined();
    expect(kicks()).toBe(0);
    await expect(send(command({ requestId: 'now', sendAt: NOW }))).resolves.toMatchObject({
      notification: { status: 'ACCEPTED' },
    });
  });

  it("holds a notification during the user's quiet hours, except a critical one", async () => {
    // NOW is 03:04 UTC, inside 22:00-07:00 UTC.
    const sleepy = {
      ...ada,
      preferences: { ...ada.preferences, quietHours: { start: '22:00', end: '07:00', timezone: 'UTC' } },
    };
    const { send } = setUp({ user: sleepy });
    await expect(send(command())).resolves.toMatchObject({
      notification: { status: 'SCHEDULED', dueAt: new Date('2025-01-02T07:00:00.000Z') },
    });
    await expect(send(command({ requestId: 'urgent', category: 'critical' }))).resolves.toMatchObject({
      notification: { status: 'ACCEPTED', dueAt: null },
    });
  });

  it('lets an unavailable users service fail the request as retryable', async () => {
    const { send } = setUp({ usersDown: true });
    await expect(send(command())).rejects.toMatchObject({ code: 'UNAVAILABLE', retryable: true });
  });
});

describe('sendNotifications', () => {
  const commandOf = (inputs: SendNotificationInput[]) => ({
    inputs,
    caller: command().caller,
    correlationId: 'corr-1',
  });

  it('records each accepted item in the fast path and answers a repeated batch from it', async () => {
    const { sendMany, requestIndex, lookups, reads } = setUp();
    const inputs = [input({ requestId: 'a' }), input({ requestId: 'b' })];
    const first = await sendMany(commandOf(inputs));
    expect([...requestIndex.keys()]).toEqual(['admin:a', 'admin:b']);
    expect(reads).toEqual([]);

    const again = await sendMany(commandOf(inputs));
    expect(again.map((item) => item.duplicate)).toEqual([true, true]);
    expect(again.map((item) => item.notification)).toEqual(first.map((item) => item.notification));
    expect(lookups).toHaveLength(1);
  });

  it('refuses an item whose request id Redis knows with another body, before reading PostgreSQL', async () => {
    const { sendMany, requestIndex, reads } = setUp();
    requestIndex.set('admin:req-1', { notificationId: 'n-elsewhere', requestHash: 'another body' });
    const [item] = await sendMany(commandOf([input()]));
    expect(item?.error?.code).toBe('CONFLICT');
    expect(reads).toEqual([]);
  });
});
