import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectAmqp, type AmqpConnection } from '@herald/amqp';
import { createLogger } from '@herald/logging';
import type { ServiceApp } from '@herald/lifecycle';
import { createTestEnvironment, waitFor, type WorkerPeers } from '@herald/testkit';
import { device, queuedMessage, user } from './fixtures';
import { createPushWorker, publishPush, startPushPeers } from './start-push-worker';

const phone = device({ kind: 'FCM', token: 'fcm-token-1' });
const browser = device({
  kind: 'WEB_PUSH',
  endpoint: 'https://push.example.com/sub/1',
  p256dh: 'key',
  auth: 'secret',
});
const oldPhone = device({ kind: 'FCM', token: 'fcm-token-stale', valid: false });
const grace = user('grace', [phone, oldPhone, browser]);
const linus = user('linus', [device({ kind: 'FCM', token: 'fcm-token-gone', valid: false })]);

describe('push worker', () => {
  const env = createTestEnvironment();
  const log = createLogger({ service: 'push-worker', level: 'silent' });
  let outboxDir: string;
  let peers: WorkerPeers;
  let app: ServiceApp | undefined;
  let broker: AmqpConnection | undefined;

  const publish = (body: unknown) => publishPush(broker!, body);

  beforeAll(async () => {
    outboxDir = await mkdtemp(join(tmpdir(), 'herald-push-'));
    peers = await startPushPeers([grace, linus], log);
    app = await createPushWorker(env, peers, { PUSH_OUTBOX_DIR: outboxDir }, log);
    await app.start();
    broker = await connectAmqp(env.amqpUrl, env.amqpPrefix, log);
  });

  afterAll(async () => {
    await app?.stop();
    await broker?.close();
    await peers?.close();
    await env.cleanup();
    await rm(outboxDir, { recursive: true, force: true });
  });

  it("writes one JSON file with the user's valid devices and the rendered push, and reports DELIVERED", async () => {
    const message = queuedMessage(grace.id);

    await publish(message);

    await waitFor(() => peers.statusesOf(message.notification_id).includes('DELIVERED'), {
      description: 'DELIVERED',
    });
    expect(peers.statusesOf(message.notification_id)).toEqual(['SENDING', 'DELIVERED']);
    const file = join(outboxDir, `${message.notification_id}.json`);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({
      notification_id: message.notification_id,
      user_id: grace.id,
      priority: 8,
      devices: [
        { id: phone.id, kind: 'FCM', token: 'fcm-token-1', endpoint: null },
        { id: browser.id, kind: 'WEB_PUSH', token: null, endpoint: 'https://push.example.com/sub/1' },
      ],
      title: 'Hi Grace',
      body: 'Your order has shipped.',
      image_url: 'https://cdn.example.com/box.png',
      link: 'https://example.com/orders/42',
    });
  });

  it('reports SKIPPED and writes nothing for a user without a valid device', async () => {
    const message = queuedMessage(linus.id);

    await publish(message);

    await waitFor(() => peers.statusesOf(message.notification_id).includes('SKIPPED'), {
      description: 'SKIPPED',
    });
    expect(
      peers.reports.filter((report) => report.notification_id === message.notification_id).at(-1),
    ).toMatchObject({
      status: 'SKIPPED',
      detail: 'no valid device',
    });
    expect(existsSync(join(outboxDir, `${message.notification_id}.json`))).toBe(false);
  });
});
