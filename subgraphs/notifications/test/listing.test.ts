import { randomUUID } from 'node:crypto';
import { openNotificationsDatabase } from '../src/store/notifications-database';
import { startNotifications, USERS, type RunningNotifications } from './start-notifications';

const LIST = `query List($filter: NotificationFilter, $page: Int, $limit: Int) {
  notifications(filter: $filter, page: $page, limit: $limit) {
    items { requestId createdAt }
    meta { total limit page totalPages hasNext hasPrevious }
  }
}`;

interface Page {
  items: { requestId: string; createdAt: string }[];
  meta: {
    total: number;
    limit: number;
    page: number;
    totalPages: number;
    hasNext: boolean;
    hasPrevious: boolean;
  };
}

let now = new Date('2025-02-01T00:00:00.000Z');
let service: RunningNotifications;

beforeAll(async () => {
  service = await startNotifications({ overrides: { clock: { now: () => now } } });
  // One notification a day for seven days: ada gets email (queued), grace email (skipped).
  for (let day = 1; day <= 7; day += 1) {
    now = new Date(Date.UTC(2025, 1, day, 12));
    const userId = day % 2 === 0 ? USERS.grace.id : USERS.ada.id;
    await service.graphql(
      `mutation Send($input: SendNotificationInput!) { sendNotification(input: $input) { notification { id } } }`,
      {
        input: {
          channel: 'EMAIL',
          userId,
          templateCode: 'welcome',
          variables: { name: 'N', link: 'https://example.test' },
          requestId: `day-${day}-${randomUUID()}`,
        },
      },
    );
  }
});

afterAll(async () => {
  await service?.stop();
});

async function list(variables: Record<string, unknown>): Promise<Page> {
  const result = await service.graphql<{ notifications: Page }>(LIST, variables);
  expect(result.errors).toBeUndefined();
  return result.data!.notifications;
}

describe('notifications list', () => {
  it('describes each page, newest first', async () => {
    const first = await list({ page: 1, limit: 3 });
    expect(first.meta).toEqual({
      total: 7,
      limit: 3,
      page: 1,
      totalPages: 3,
      hasNext: true,
      hasPrevious: false,
    });
    expect(first.items.map((item) => item.requestId.split('-')[1])).toEqual(['7', '6', '5']);
    const last = await list({ page: 3, limit: 3 });
    expect(last.meta).toEqual({
      total: 7,
      limit: 3,
      page: 3,
      totalPages: 3,
      hasNext: false,
      hasPrevious: true,
    });
    expect(last.items).toHaveLength(1);
    const beyond = await list({ page: 4, limit: 3 });
    expect(beyond.items).toEqual([]);
    expect(beyond.meta).toMatchObject({ total: 7, hasNext: false, hasPrevious: true });
  });

  it('filters by creation time (from inclusive, to exclusive), user, status and channel', async () => {
    const window = await list({
      filter: { from: '2025-02-02T12:00:00.000Z', to: '2025-02-05T12:00:00.000Z' },
    });
    expect(window.items.map((item) => item.requestId.split('-')[1])).toEqual(['4', '3', '2']);
    const skipped = await list({ filter: { userId: USERS.grace.id, status: 'SKIPPED', channel: 'EMAIL' } });
    expect(skipped.meta.total).toBe(3);
    const none = await list({ filter: { channel: 'PUSH' } });
    expect(none.meta).toEqual({
      total: 0,
      limit: 10,
      page: 1,
      totalPages: 0,
      hasNext: false,
      hasPrevious: false,
    });
  });

  it('refuses a window that ends before it starts, and a page below 1', async () => {
    const backwards = await service.graphql(LIST, {
      filter: { from: '2025-02-05T00:00:00.000Z', to: '2025-02-01T00:00:00.000Z' },
    });
    expect(backwards.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    const zero = await service.graphql(LIST, { page: 0 });
    expect(zero.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it.each([
    ['status', `status = 'QUEUED'`],
    ['channel', `channel = 'PUSH'`],
    ['user and status', `user_id = '${USERS.ada.id}' AND status = 'QUEUED'`],
    ['user', `user_id = '${USERS.ada.id}'`],
    ['time window', `created_at >= now() - interval '1 day'`],
  ])('reads a %s filter in newest-first order from an index, without sorting', async (_, where) => {
    const db = await openNotificationsDatabase(service.env.databaseUrl('notifications'));
    try {
      const plan = await db.transaction(async (manager) => {
        // The table is tiny; forbid the sequential scan to see which index the planner can use.
        await manager.query('SET LOCAL enable_seqscan = off');
        return (await manager.query(
          `EXPLAIN SELECT * FROM notifications WHERE ${where} ORDER BY created_at DESC, id DESC LIMIT 10`,
        )) as { 'QUERY PLAN': string }[];
      });
      const text = plan.map((line) => line['QUERY PLAN']).join('\n');
      expect(text).toMatch(/Index Scan using notifications_\w+_idx/);
      expect(text).not.toMatch(/Seq Scan|Sort/);
    } finally {
      await db.destroy();
    }
  });
});
