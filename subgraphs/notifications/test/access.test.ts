import type { Identity } from '@herald/identity';
import { promo, startNotifications, USERS, type RunningNotifications } from './start-notifications';

const SEND = `mutation Send($input: SendNotificationInput!) {
  sendNotification(input: $input) { notification { id user { id } } }
}`;
const GET = `query Get($id: ID!) { notification(id: $id) { id user { id } } }`;
const LIST = `query List($filter: NotificationFilter) {
  notifications(filter: $filter, limit: 100) { items { id user { id } } meta { total } }
}`;

const sender: Identity = { kind: 'service', id: 'key-sender', scopes: ['notifications:send'] };
const reader: Identity = { kind: 'service', id: 'key-reader', scopes: ['notifications:read'] };
const nobody: Identity = { kind: 'service', id: 'key-nobody', scopes: [] };
const ada: Identity = { kind: 'user', id: USERS.ada.id, scopes: [] };
const adminUser: Identity = { kind: 'user', id: USERS.grace.id, role: 'admin', scopes: [] };

let service: RunningNotifications;
const sent: Record<'ada' | 'grace', string> = { ada: '', grace: '' };

beforeAll(async () => {
  service = await startNotifications();
  for (const name of ['ada', 'grace'] as const) {
    const result = await service.graphql<{ sendNotification: { notification: { id: string } } }>(
      SEND,
      {
        input: promo({ userId: USERS[name].id }),
      },
      { identity: sender },
    );
    sent[name] = result.data!.sendNotification.notification.id;
  }
});

afterAll(async () => {
  await service?.stop();
});

const codeOf = (result: { errors?: readonly { extensions?: Record<string, unknown> }[] }) =>
  result.errors?.[0]?.extensions?.code;

describe('who may send', () => {
  it('needs notifications:send or admin', async () => {
    const input = promo();
    expect(codeOf(await service.graphql(SEND, { input }, { identity: reader }))).toBe('FORBIDDEN');
    expect(codeOf(await service.graphql(SEND, { input }, { identity: ada }))).toBe('FORBIDDEN');
    expect(codeOf(await service.graphql(SEND, { input }, { identity: null }))).toBe('UNAUTHENTICATED');
    expect(codeOf(await service.graphql(SEND, { input }, { identity: adminUser }))).toBeUndefined();
  });

  it('keys idempotency by the sender: the same requestId from two senders is two notifications', async () => {
    const input = promo();
    const first = await service.graphql<{ sendNotification: { notification: { id: string } } }>(
      SEND,
      { input },
      { identity: sender },
    );
    const second = await service.graphql<{ sendNotification: { notification: { id: string } } }>(SEND, {
      input,
    });
    expect(first.data!.sendNotification.notification.id).not.toBe(
      second.data!.sendNotification.notification.id,
    );
  });
});

describe('who may read', () => {
  it('lets a user read their own notification, and not another user’s', async () => {
    const own = await service.graphql<{ notification: { id: string } | null }>(
      GET,
      { id: sent.ada },
      { identity: ada },
    );
    expect(own.data?.notification?.id).toBe(sent.ada);
    const other = await service.graphql(GET, { id: sent.grace }, { identity: ada });
    expect(other).toEqual({ data: { notification: null } });
  });

  it('forces a user’s list to their own notifications and refuses another user’s filter', async () => {
    const list = await service.graphql<{ notifications: { items: { user: { id: string } }[] } }>(
      LIST,
      {},
      { identity: ada },
    );
    expect(list.errors).toBeUndefined();
    const owners = new Set(list.data!.notifications.items.map((item) => item.user.id));
    expect([...owners]).toEqual([USERS.ada.id]);
    const other = await service.graphql(LIST, { filter: { userId: USERS.grace.id } }, { identity: ada });
    expect(codeOf(other)).toBe('FORBIDDEN');
  });

  it('needs notifications:read or admin for everyone else', async () => {
    expect(codeOf(await service.graphql(GET, { id: sent.ada }, { identity: sender }))).toBe('FORBIDDEN');
    expect(codeOf(await service.graphql(LIST, {}, { identity: nobody }))).toBe('FORBIDDEN');
    expect(codeOf(await service.graphql(LIST, {}, { identity: null }))).toBe('UNAUTHENTICATED');
    const all = await service.graphql<{ notifications: { meta: { total: number } } }>(
      LIST,
      {},
      { identity: reader },
    );
    expect(all.data!.notifications.meta.total).toBeGreaterThanOrEqual(2);
    const grace = await service.graphql<{ notification: { id: string } }>(
      GET,
      { id: sent.grace },
      { identity: adminUser },
    );
    expect(grace.data!.notification.id).toBe(sent.grace);
  });

  it('applies the same rule to entity references resolved for the gateway', async () => {
    const result = await service.graphql<{ _entities: unknown[] }>(
      `query Entities($representations: [_Any!]!) { _entities(representations: $representations) { ... on Notification { id } } }`,
      {
        representations: [
          { __typename: 'Notification', id: sent.ada },
          { __typename: 'Notification', id: sent.grace },
        ],
      },
      { identity: ada },
    );
    expect(result.data?._entities).toEqual([{ id: sent.ada }, null]);
  });

  it('lets only an admin retry', async () => {
    const retry = `mutation Retry($id: ID!) { retryNotification(id: $id) { id } }`;
    expect(codeOf(await service.graphql(retry, { id: sent.ada }, { identity: sender }))).toBe('FORBIDDEN');
    expect(codeOf(await service.graphql(retry, { id: sent.ada }, { identity: ada }))).toBe('FORBIDDEN');
  });
});
