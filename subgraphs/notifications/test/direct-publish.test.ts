import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import {
  createTestEnvironment,
  startTcpProxy,
  waitFor,
  type TcpProxy,
  type TestEnvironment,
} from '@herald/testkit';
import { openNotificationsDatabase } from '../src/store/notifications-database';
import { startNotifications, USERS, type RunningNotifications } from './start-notifications';

const SEND = `mutation Send($input: SendNotificationInput!) {
  sendNotification(input: $input) { notification { id status } }
}`;
const GET = `query Get($id: ID!) { notification(id: $id) { status events { status at } } }`;

interface NotificationView {
  status: string;
  events: { status: string; at: string }[];
}

async function accept(service: RunningNotifications): Promise<string> {
  const result = await service.graphql<{
    sendNotification: { notification: { id: string; status: string } };
  }>(SEND, {
    input: { channel: 'PUSH', userId: USERS.ada.id, templateCode: 'promo', requestId: `req-${randomUUID()}` },
  });
  expect(result.errors).toBeUndefined();
  expect(result.data!.sendNotification.notification.status).toBe('ACCEPTED');
  return result.data!.sendNotification.notification.id;
}

async function view(service: RunningNotifications, id: string): Promise<NotificationView> {
  const result = await service.graphql<{ notification: NotificationView }>(GET, { id });
  return result.data!.notification;
}

function bodyOf(message: { content: Buffer }): { notification_id: string; delivery_id: string } {
  return JSON.parse(message.content.toString()) as { notification_id: string; delivery_id: string };
}

/** A counter's value on /metrics, 0 when it was never counted. */
async function counter(service: RunningNotifications, name: string, result: string): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${service.ports.http}/metrics`)).text();
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${name}{result="${result}"`));
  return line ? Number(line.split(' ').pop()) : 0;
}

async function ready(service: RunningNotifications): Promise<number> {
  return (await fetch(`http://127.0.0.1:${service.ports.http}/ready`)).status;
}

describe('publishing right after the commit', () => {
  describe('with the relay asleep', () => {
    let service: RunningNotifications;
    beforeAll(async () => {
      // A poll of 60 s: within a test, only the accept's own publish can queue anything.
      service = await startNotifications();
    });
    afterAll(() => service?.stop());

    it('queues an accepted notification without a relay pass, one message with a delivery id', async () => {
      const id = await accept(service);

      await waitFor(async () => (await view(service, id)).status === 'QUEUED', {
        description: 'the notification queued',
      });
      const messages = await service.drainQueue(service.queues.push);
      expect(messages.map((message) => bodyOf(message).notification_id)).toEqual([id]);
      expect(bodyOf(messages[0]!).delivery_id).toMatch(/^[0-9a-f-]{36}$/);
      expect((await view(service, id)).events.map((event) => event.status)).toEqual(['ACCEPTED', 'QUEUED']);
      expect(await counter(service, 'herald_outbox_relay_passes_total', 'published')).toBe(0);
      expect(await counter(service, 'herald_outbox_direct_publishes_total', 'recorded')).toBe(1);
    });
  });

  describe('when a worker reports SENDING before the publish is recorded', () => {
    const environment = createTestEnvironment();
    let service: RunningNotifications;
    let db: DataSource;
    let confirmed: () => void;
    const reachedRecord = new Promise<void>((resolve) => (confirmed = resolve));
    let record: () => void;
    const recordAllowed = new Promise<void>((resolve) => (record = resolve));

    beforeAll(async () => {
      service = await startNotifications({
        environment,
        overrides: {
          // Holds the direct publish between the broker's confirm and recording it.
          beforeRecordPublished: async () => {
            confirmed();
            await recordAllowed;
          },
        },
      });
      db = await openNotificationsDatabase(environment.databaseUrl('notifications'));
    });
    afterAll(async () => {
      record();
      await service?.stop();
      await db?.destroy();
      await environment.cleanup();
    });

    it('leaves the notification SENDING, with no QUEUED after it, and the row published', async () => {
      const id = await accept(service);
      await reachedRecord;
      const [message] = await waitFor(
        async () => {
          const messages = await service.drainQueue(service.queues.push);
          return messages.length > 0 ? messages : undefined;
        },
        { description: 'the published message' },
      );
      await expect(
        service.statusClient.ReportStatus({
          notification_id: id,
          status: 'SENDING',
          attempt: 1,
          detail: '',
          timestamp: '',
          delivery_id: bodyOf(message!).delivery_id,
        }),
      ).resolves.toMatchObject({ applied: true });

      record();
      await waitFor(
        async () => {
          const [row] = (await db.query(`SELECT published_at FROM outbox WHERE notification_id = $1`, [
            id,
          ])) as { published_at: Date | null }[];
          return row?.published_at !== null;
        },
        { description: 'the outbox row marked published' },
      );
      const after = await view(service, id);
      expect(after.status).toBe('SENDING');
      expect(after.events.map((event) => event.status)).toEqual(['ACCEPTED', 'SENDING']);
    });
  });

  describe('when the broker is out of reach', () => {
    const GRACE_MS = 1500;
    const environment: TestEnvironment = createTestEnvironment();
    let proxy: TcpProxy;
    let service: RunningNotifications;

    beforeAll(async () => {
      const broker = new URL(environment.amqpUrl);
      proxy = await startTcpProxy({ host: broker.hostname, port: Number(broker.port || 5672) });
      broker.host = `127.0.0.1:${proxy.port}`;
      service = await startNotifications({
        environment,
        // The service reaches the broker only through the proxy; the test's queue reads go direct.
        env: { AMQP_URL: broker.toString(), OUTBOX_POLL_MS: '200', OUTBOX_GRACE_MS: String(GRACE_MS) },
      });
    });
    afterAll(async () => {
      await service?.stop();
      await proxy?.close();
      await environment.cleanup();
    });

    it('leaves the row to the relay, which publishes it once after the grace', async () => {
      proxy.cut();
      await waitFor(async () => (await ready(service)) === 503, { description: 'the broker gone' });
      const acceptedAt = Date.now();
      const id = await accept(service);
      proxy.restore();

      await waitFor(async () => (await view(service, id)).status === 'QUEUED', {
        timeoutMs: 20_000,
        description: 'the relay to queue the notification',
      });
      const queuedAt = Date.now();
      const messages = await service.drainQueue(service.queues.push);
      expect(messages.map((message) => bodyOf(message).notification_id)).toEqual([id]);
      expect((await view(service, id)).events.map((event) => event.status)).toEqual(['ACCEPTED', 'QUEUED']);
      expect(await counter(service, 'herald_outbox_direct_publishes_total', 'failed')).toBe(1);
      expect(await counter(service, 'herald_outbox_relay_passes_total', 'published')).toBe(1);
      // The relay waited out the grace: it left the row alone while its writer could still publish it.
      expect(queuedAt - acceptedAt).toBeGreaterThanOrEqual(GRACE_MS);
    });
  });
});
