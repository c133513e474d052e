import { randomUUID } from 'node:crypto';
import { waitFor } from '@herald/testkit';
import { promo, startNotifications, USERS, welcome, type RunningNotifications } from './start-notifications';

const BULK = `mutation Bulk($inputs: [SendNotificationInput!]!) {
  sendNotifications(inputs: $inputs) {
    index duplicate error { code message details } notification { id requestId status }
  }
}`;

interface BulkItem {
  index: number;
  duplicate: boolean;
  error: { code: string; message: string; details: Record<string, unknown> | null } | null;
  notification: { id: string; requestId: string; status: string } | null;
}

let service: RunningNotifications;

beforeAll(async () => {
  service = await startNotifications();
});

afterAll(async () => {
  await service?.stop();
});

async function bulk(inputs: Record<string, unknown>[]) {
  return service.graphql<{ sendNotifications: BulkItem[] }>(BULK, { inputs });
}

async function queuedIds(): Promise<string[]> {
  const messages = [
    ...(await service.drainQueue(service.queues.email)),
    ...(await service.drainQueue(service.queues.push)),
  ];
  return messages.map(
    (message) => (JSON.parse(message.content.toString()) as { notification_id: string }).notification_id,
  );
}

describe('sendNotifications', () => {
  it('answers each item on its own: bad items get their error, the others are accepted', async () => {
    const first = welcome();
    const inputs = [
      first,
      promo(),
      welcome({ userId: 'not-a-uuid' }),
      welcome({ userId: randomUUID() }),
      welcome({ variables: { name: 'Ada' } }),
      welcome({ priority: 11 }),
      welcome({ userId: USERS.grace.id }),
      { ...first },
      { ...first, priority: 9 },
      welcome({ variables: ['not', 'an', 'object'] }),
    ];
    const callsBefore = { ...service.userCalls };
    const result = await bulk(inputs);
    expect(result.errors).toBeUndefined();
    const items = result.data!.sendNotifications;
    expect(items.map((item) => item.index)).toEqual(inputs.map((_, index) => index));
    expect(items.map((item) => item.error?.code ?? item.notification?.status)).toEqual([
      'ACCEPTED',
      'ACCEPTED',
      'BAD_USER_INPUT',
      'NOT_FOUND',
      'UNPROCESSABLE',
      'BAD_USER_INPUT',
      'SKIPPED',
      'ACCEPTED',
      'CONFLICT',
      'BAD_USER_INPUT',
    ]);
    expect(items[4]!.error!.details).toMatchObject({ missing: ['link'] });
    expect(items[2]!.error!.details).toMatchObject({ issues: [{ field: 'userId' }] });
    // The repeat within the batch is the first item's notification.
    expect(items[7]).toMatchObject({ duplicate: true, notification: { id: items[0]!.notification!.id } });
    expect(items.filter((item) => item.error)).toEqual(items.filter((item) => !item.notification));

    // One batched user lookup, no per-item calls.
    expect(service.userCalls.GetUser).toBe(callsBefore.GetUser);
    expect(service.userCalls.GetUsers).toBe(callsBefore.GetUsers + 1);

    const accepted = [items[0]!.notification!.id, items[1]!.notification!.id];
    const seen: string[] = [];
    await waitFor(
      async () => {
        seen.push(...(await queuedIds()));
        return seen.length >= accepted.length;
      },
      { description: 'the accepted items on the queues' },
    );
    expect(seen.sort()).toEqual(accepted.sort());
  });

  it('takes 1,000 items in one call, and refuses more', async () => {
    const inputs = Array.from({ length: 1000 }, (_, index) =>
      welcome({ userId: index % 2 === 0 ? USERS.ada.id : USERS.lin.id }),
    );
    const result = await bulk(inputs);
    expect(result.errors).toBeUndefined();
    const items = result.data!.sendNotifications;
    expect(items).toHaveLength(1000);
    expect(items.every((item) => item.notification?.status === 'ACCEPTED')).toBe(true);
    expect(new Set(items.map((item) => item.notification!.id)).size).toBe(1000);

    const tooMany = await bulk([...inputs, welcome()]);
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});
