import { waitFor } from '@herald/testkit';
import { startNotifications, welcome, type RunningNotifications } from './start-notifications';

const SEND = `mutation Send($input: SendNotificationInput!) {
  sendNotification(input: $input) { notification { id status } }
}`;
const COUNT = `query Count { notifications(limit: 1) { meta { total } } }`;

let service: RunningNotifications;

beforeAll(async () => {
  service = await startNotifications();
});

afterAll(async () => {
  await service?.stop();
});

interface ErrorResult {
  errors?: readonly { message: string; extensions?: Record<string, unknown> }[];
}

function fieldsOf(result: ErrorResult): string[] {
  return ((result.errors?.[0]?.extensions?.issues as { field: string }[] | undefined) ?? []).map(
    (issue) => issue.field,
  );
}

const bigVariables = { name: 'Ada', link: 'https://example.test', blob: 'x'.repeat(64 * 1024) };

describe('bad input is refused precisely, and nothing is stored or queued', () => {
  it.each<[string, Record<string, unknown>, string]>([
    ['a malformed user uuid', { userId: 'not-a-uuid' }, 'userId'],
    ['a priority above 10', { priority: 11 }, 'priority'],
    ['a negative priority', { priority: -1 }, 'priority'],
    ['a requestId of 256 characters', { requestId: 'r'.repeat(256) }, 'requestId'],
    ['an empty requestId', { requestId: '' }, 'requestId'],
    ['variables that are a list', { variables: ['Ada'] }, 'variables'],
    ['variables that are a string', { variables: 'Ada' }, 'variables'],
    ['variables over 64 KiB', { variables: bigVariables }, 'variables'],
    ['metadata over 64 KiB', { metadata: bigVariables }, 'metadata'],
  ])('refuses %s as BAD_USER_INPUT naming the field', async (_, change, field) => {
    const result = await service.graphql<ErrorResult>(SEND, { input: welcome(change) });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(fieldsOf(result)).toEqual([field]);
  });

  it('says why oversized variables are refused', async () => {
    const result = await service.graphql(SEND, { input: welcome({ variables: bigVariables }) });
    expect(result.errors?.[0]?.message).toContain('64 KiB');
  });

  it('refuses an unknown channel before any resolver runs', async () => {
    const result = await service.graphql(SEND, { input: welcome({ channel: 'SMS' }) });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toContain('SMS');
  });

  it('stored and queued none of the refused requests', async () => {
    // The relay works in outbox order: had any refused request been stored, it would be queued first.
    const good = await service.graphql<{ sendNotification: { notification: { id: string } } }>(SEND, {
      input: welcome({ requestId: 'r'.repeat(255) }),
    });
    expect(good.errors).toBeUndefined();
    const { id } = good.data!.sendNotification.notification;
    await waitFor(
      async () => {
        const result = await service.graphql<{ notification: { status: string } }>(
          `query Get($id: ID!) { notification(id: $id) { status } }`,
          { id },
        );
        return result.data?.notification.status === 'QUEUED';
      },
      { description: 'the valid notification to be queued' },
    );
    const count = await service.graphql<{ notifications: { meta: { total: number } } }>(COUNT);
    expect(count.data!.notifications.meta.total).toBe(1);
    const messages = await service.drainQueue(service.queues.email);
    expect(messages.map((message) => JSON.parse(message.content.toString()).notification_id)).toEqual([id]);
    expect(await service.drainQueue(service.queues.push)).toHaveLength(0);
  });
});
