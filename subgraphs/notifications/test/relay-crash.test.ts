import { randomUUID } from 'node:crypto';
import { createTestEnvironment, waitFor } from '@herald/testkit';
import { startNotifications, USERS, type RunningNotifications } from './start-notifications';

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

function report(service: RunningNotifications, id: string, status: string) {
  return service.statusClient.ReportStatus({
    notification_id: id,
    status,
    attempt: 1,
    detail: '',
    timestamp: '',
  });
}

describe('relay crash safety', () => {
  it('republishes after a restart what a relay published but did not record, and the duplicate is harmless', async () => {
    const crashing = await start(true);
    const sent = await crashing.graphql<{ sendNotification: { notification: { id: string } } }>(
      `mutation Send($input: SendNotificationInput!) { sendNotification(input: $input) { notification { id } } }`,
      {
        input: {
          channel: 'PUSH',
          userId: USERS.ada.id,
          templateCode: 'promo',
          requestId: `req-${randomUUID()}`,
        },
      },
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
    expect(secondCopy.map((message) => message.content.toString())).toEqual([
      firstCopy[0]!.content.toString(),
    ]);
    expect(secondCopy[0]!.properties.messageId).toBe(id);

    // The worker side: the first copy claims the notification, the second is told it is taken.
    await expect(report(restarted, id, 'SENDING')).resolves.toMatchObject({ applied: true });
    await expect(report(restarted, id, 'SENDING')).resolves.toMatchObject({
      applied: false,
      status: 'SENDING',
    });
    await expect(report(restarted, id, 'DELIVERED')).resolves.toMatchObject({ applied: true });
    await expect(report(restarted, id, 'SENDING')).resolves.toMatchObject({
      applied: false,
      status: 'DELIVERED',
    });
  });
});
