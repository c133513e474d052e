import { createTestEnvironment, waitFor } from '@herald/testkit';
import { promo, startNotifications, type RunningNotifications } from './start-notifications';

const environment = createTestEnvironment();
const running: RunningNotifications[] = [];

afterAll(async () => {
  for (const service of running) await service.stop();
  await environment.cleanup();
});

async function start(crashBeforeRecord: boolean): Promise<RunningNotifications> {
  const service = await startNotifications({
    environment,
    overrides: crashBeforeRecord
      ? {
          beforeRelayRecord: async () => {
            throw new Error('relay killed between the broker confirm and its commit');
          },
        }
      : {},
  });
  running.push(service);
  return service;
}

async function statusOf(service: RunningNotifications, id: string): Promise<string | undefined> {
  const result = await service.graphql<{ notification: { status: string } | null }>(
    `query Get($id: ID!) { notification(id: $id) { status } }`,
    { id },
  );
  return result.data?.notification?.status;
}

function report(service: RunningNotifications, id: string, status: string, deliveryId: string) {
  return service.statusClient.ReportStatus({
    notification_id: id,
    status,
    attempt: 1,
    detail: '',
    timestamp: '',
    delivery_id: deliveryId,
  });
}

/** A published message's body: its delivery id, and the rest. */
function bodyOf(message: { content: Buffer }): { deliveryId: string; rest: Record<string, unknown> } {
  const { delivery_id: deliveryId, ...rest } = JSON.parse(message.content.toString()) as Record<
    string,
    unknown
  >;
  return { deliveryId: String(deliveryId), rest };
}

describe('relay crash safety', () => {
  it('republishes after a restart what a relay published but did not record, as a second copy that is never sent', async () => {
    const crashing = await start(true);
    const sent = await crashing.graphql<{ sendNotification: { notification: { id: string } } }>(
      `mutation Send($input: SendNotificationInput!) { sendNotification(input: $input) { notification { id } } }`,
      { input: promo() },
    );
    const { id } = sent.data!.sendNotification.notification;
    const firstCopy = await waitFor(
      async () => {
        const messages = await crashing.drainQueue(crashing.queues.push);
        return messages.length > 0 ? messages : undefined;
      },
      { description: 'the message the crashing relay published' },
    );
    expect(firstCopy).toHaveLength(1);
    expect(await statusOf(crashing, id)).toBe('ACCEPTED');
    await crashing.stop();
    running.splice(running.indexOf(crashing), 1);

    const restarted = await start(false);
    await waitFor(async () => (await statusOf(restarted, id)) === 'QUEUED', {
      description: 'the restarted relay to queue the notification',
    });
    const secondCopy = await restarted.drainQueue(restarted.queues.push);
    expect(secondCopy).toHaveLength(1);
    expect(secondCopy[0]!.properties.messageId).toBe(id);
    // The same message, but another copy of it: each publish has its own delivery id.
    const [first, second] = [bodyOf(firstCopy[0]!), bodyOf(secondCopy[0]!)];
    expect(second.rest).toEqual(first.rest);
    expect(second.deliveryId).toMatch(/^[0-9a-f-]{36}$/);
    expect(second.deliveryId).not.toBe(first.deliveryId);

    // The worker side: the first copy claims the notification, the second is dropped unsent.
    await expect(report(restarted, id, 'SENDING', first.deliveryId)).resolves.toMatchObject({
      applied: true,
    });
    await expect(report(restarted, id, 'SENDING', second.deliveryId)).resolves.toMatchObject({
      applied: false,
      status: 'SENDING',
      claimed_by_another_delivery: true,
    });
    await expect(report(restarted, id, 'DELIVERED', first.deliveryId)).resolves.toMatchObject({
      applied: true,
    });
    await expect(report(restarted, id, 'SENDING', second.deliveryId)).resolves.toMatchObject({
      applied: false,
      status: 'DELIVERED',
    });
  });
});
