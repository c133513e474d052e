import { randomUUID } from 'node:crypto';
import { fetchSinkMessages, waitFor } from '@herald/testkit';
import { createRecipientAndTemplate, sendEmailNotification } from './email-steps';
import { heraldClient } from './gateway-client';
import { readSystemState } from './system-state';

const state = readSystemState();
const api = `${state.gatewayUrl}/api/v1`;
const admin = { authorization: `Bearer ${state.adminApiKey}` };

interface Envelope<T> {
  readonly success: boolean;
  readonly data: T;
  readonly error: unknown;
}

async function call<T>(method: string, path: string, body: unknown, headers: Record<string, string>) {
  const response = await fetch(`${api}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Envelope<T> };
}

interface Replayed {
  replayed: number;
  notification_ids: string[];
}

/** Replay of failed notifications over REST, and the notification's journey after it, on the running system. */
describe('POST /api/v1/notifications/replay', () => {
  const suffix = randomUUID().slice(0, 8);
  const email = `grace.${suffix}@example.com`;
  let recipient: { userId: string; templateCode: string };
  let statusKey: string;

  beforeAll(async () => {
    recipient = await createRecipientAndTemplate(state, suffix);
    const created = await heraldClient(state).apiKeys.create(`replay-callbacks-${suffix}`, [
      'notifications:status',
    ]);
    statusKey = created.secret;
  });

  /**
   * A notification failed by a provider's callback while it waited for a sendAt a day ahead, so
   * no worker can deliver it first.
   */
  async function failed(reason: string): Promise<string> {
    const id = await sendEmailNotification(state, {
      ...recipient,
      requestId: `replay-${randomUUID()}`,
      sendAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    const report = await call(
      'POST',
      '/email/status/',
      { notification_id: id, status: 'failed', error: reason },
      {
        'x-api-key': statusKey,
      },
    );
    expect(report.status).toBe(200);
    return id;
  }

  it('replays by filter, a bounded count per call, never twice, and the replayed notification is delivered', async () => {
    const tag = `mailbox-${suffix}`;
    const ids = [await failed(`${tag} gone`), await failed(`${tag} gone`), await failed(`${tag} gone`)];
    const untouched = await failed(`quota-${suffix}`);

    const first = await call<Replayed>(
      'POST',
      '/notifications/replay',
      { notification_type: 'email', reason: tag, limit: 1 },
      admin,
    );
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      success: true,
      error: null,
      data: { replayed: 1, notification_ids: [ids[0]] },
    });

    // Two admins at once: the remaining two are replayed once between them.
    const concurrent = await Promise.all(
      [0, 1].map(() => call<Replayed>('POST', '/notifications/replay', { reason: tag, limit: 5 }, admin)),
    );
    expect(concurrent.flatMap((answer) => answer.body.data.notification_ids).sort()).toEqual(
      ids.slice(1).sort(),
    );
    const again = await call<Replayed>('POST', '/notifications/replay', { reason: tag }, admin);
    expect(again.body.data).toEqual({ replayed: 0, notification_ids: [] });

    const status = async (id: string) =>
      (await call<{ status: string }>('GET', `/notifications/${id}/status`, undefined, admin)).body.data
        .status;
    await waitFor(
      async () => (await Promise.all(ids.map(status))).every((current) => current === 'delivered'),
      {
        timeoutMs: 30_000,
        description: 'the replayed notifications delivered',
      },
    );
    expect(
      (await fetchSinkMessages(state.smtpInspectUrl)).filter((mail) => mail.to.includes(email)),
    ).toHaveLength(3);
    expect(await status(untouched)).toBe('failed');
  });

  it('replays by filter through GraphQL with the typed client', async () => {
    const tag = `bounced-${suffix}`;
    const id = await failed(`${tag} mailbox full`);
    const client = heraldClient(state);

    expect(await client.notifications.replayFailed({ channel: 'PUSH', reason: tag })).toEqual({
      replayed: 0,
      notificationIds: [],
    });
    expect(await client.notifications.replayFailed({ channel: 'EMAIL', reason: tag })).toEqual({
      replayed: 1,
      notificationIds: [id],
    });
    await waitFor(async () => (await client.notifications.get(id))?.status === 'DELIVERED', {
      timeoutMs: 30_000,
      description: 'the notification replayed over GraphQL delivered',
    });
  });

  it('is refused to anyone but an admin, and past its bound', async () => {
    const forbidden = await call('POST', '/notifications/replay', {}, { 'x-api-key': statusKey });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.success).toBe(false);

    const tooMany = await call('POST', '/notifications/replay', { limit: 1001 }, admin);
    expect(tooMany.status).toBe(400);
  });
});
