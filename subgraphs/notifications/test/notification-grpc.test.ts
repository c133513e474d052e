import { randomUUID } from 'node:crypto';
import { BadUserInputError } from '@herald/errors';
import { type GrpcSendRequest, type NotificationServiceDefinition, type PromiseClient } from '@herald/proto';
import { IDENTITY_HEADER, encodeIdentity, type Identity } from '@herald/identity';
import { waitFor } from '@herald/testkit';
import { startNotifications, USERS, type RunningNotifications } from './start-notifications';

const sender: Identity = { kind: 'service', id: 'key-rest-sender', scopes: ['notifications:send'] };
const reader: Identity = { kind: 'service', id: 'key-rest-reader', scopes: ['notifications:read'] };
const callbacks: Identity = { kind: 'service', id: 'key-callbacks', scopes: ['notifications:status'] };
const ada: Identity = { kind: 'user', id: USERS.ada.id, role: 'user', scopes: [] };

const as = (identity: Identity) => ({ [IDENTITY_HEADER]: encodeIdentity(identity) });

/** The gateway's REST send for the "welcome" email template, to override field by field. */
function welcome(overrides: Partial<GrpcSendRequest> = {}): GrpcSendRequest {
  return {
    channel: 'EMAIL',
    user_id: USERS.ada.id,
    template_code: 'welcome',
    variables_json: JSON.stringify({ name: 'Ada', link: 'https://example.test/start' }),
    request_id: `req-${randomUUID()}`,
    priority: 5,
    ...overrides,
  };
}

describe('NotificationService over gRPC (the REST shim’s path)', () => {
  let service: RunningNotifications;
  let client: PromiseClient<NotificationServiceDefinition>;

  beforeAll(async () => {
    service = await startNotifications();
    client = service.notificationClient;
  });

  afterAll(async () => {
    await service?.stop();
  });

  it('accepts a send and queues it, and answers a repeated request_id with the original as a duplicate', async () => {
    const request = welcome();
    const first = await client.Send(request, as(sender));
    expect(first).toMatchObject({
      duplicate: false,
      notification: {
        request_id: request.request_id,
        channel: 'EMAIL',
        user_id: USERS.ada.id,
        template_code: 'welcome',
        template_version: 3,
        priority: 5,
      },
    });
    expect(['ACCEPTED', 'QUEUED']).toContain(first.notification?.status);

    const again = await client.Send(request, as(sender));
    expect(again).toMatchObject({ duplicate: true, notification: { id: first.notification?.id } });
    const queued: string[] = [];
    await waitFor(
      async () => {
        for (const message of await service.drainQueue(service.queues.email)) {
          queued.push(
            (JSON.parse(message.content.toString()) as { notification_id: string }).notification_id,
          );
        }
        return queued.includes(first.notification!.id);
      },
      { timeoutMs: 5000, description: 'the accepted notification to be queued' },
    );
    expect(queued).toEqual([first.notification?.id]);
  });

  it('refuses bad input as BAD_USER_INPUT with every bad field in its details', async () => {
    const refusal: unknown = await client
      .Send(welcome({ user_id: 'not-a-uuid', priority: 11, variables_json: '["Ada"]' }), as(sender))
      .catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(BadUserInputError);
    const fields = (refusal as BadUserInputError).issues.map((issue) => issue.field);
    expect(fields.sort()).toEqual(['priority', 'userId', 'variables']);
  });

  it('refuses a template of another channel as UNPROCESSABLE and a reused request_id with another body as CONFLICT', async () => {
    await expect(client.Send(welcome({ channel: 'PUSH' }), as(sender))).rejects.toMatchObject({
      code: 'UNPROCESSABLE',
    });
    const request = welcome();
    await client.Send(request, as(sender));
    await expect(client.Send({ ...request, priority: 9 }, as(sender))).rejects.toMatchObject({
      code: 'CONFLICT',
    });
  });

  it('refuses a call without a forwarded identity, and a user sending without the scope', async () => {
    await expect(client.Send(welcome())).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(client.Get({ id: randomUUID() })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(client.List({})).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(client.Send(welcome(), as(ada))).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('lets a user read their own notification, and reads another user’s as not found, as GraphQL does', async () => {
    const own = (await client.Send(welcome(), as(sender))).notification!;
    const other = (
      await client.Send(welcome({ user_id: USERS.grace.id, request_id: `req-${randomUUID()}` }), as(sender))
    ).notification!;

    await expect(client.Get({ id: own.id }, as(ada))).resolves.toMatchObject({ id: own.id, user_id: ada.id });
    await expect(client.Get({ id: other.id }, as(ada))).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: `notification ${other.id} not found`,
    });
    await expect(client.Get({ id: other.id }, as(sender))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(client.Get({ id: other.id }, as(reader))).resolves.toMatchObject({ id: other.id });
    await expect(
      client.List({ filter: { user_id: USERS.grace.id, status: '', channel: '' } }, as(ada)),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('lists one page at a time, every notification once, with the page meta', async () => {
    const sent: string[] = [];
    for (let index = 0; index < 3; index += 1) {
      const result = await client.Send(
        welcome({ channel: 'PUSH', template_code: 'promo', user_id: USERS.lin.id, variables_json: '' }),
        as(sender),
      );
      sent.push(result.notification!.id);
    }
    const filter = { user_id: USERS.lin.id, status: '', channel: 'PUSH' };
    const first = await client.List({ filter, page: 1, limit: 2 }, as(reader));
    const second = await client.List({ filter, page: 2, limit: 2 }, as(reader));
    expect(first.meta).toEqual({
      total: 3,
      limit: 2,
      page: 1,
      total_pages: 2,
      has_next: true,
      has_previous: false,
    });
    expect(second.meta).toMatchObject({ total: 3, page: 2, has_next: false, has_previous: true });
    expect(first.items).toHaveLength(2);
    expect([...first.items, ...second.items].map((item) => item.id).sort()).toEqual([...sent].sort());
  });

  it('takes a status callback with notifications:status, for a notification of its channel only', async () => {
    const { id } = (await client.Send(welcome(), as(sender))).notification!;
    const callback = { notification_id: id, channel: 'EMAIL', status: 'SENDING', detail: '', at: '' };
    await expect(client.ReportStatus(callback, as(sender))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(client.ReportStatus({ ...callback, channel: 'PUSH' }, as(callbacks))).rejects.toMatchObject({
      code: 'UNPROCESSABLE',
    });
    await expect(client.ReportStatus(callback, as(callbacks))).resolves.toEqual({
      notification_id: id,
      applied: true,
      status: 'SENDING',
    });
  });
});
