import { connectAmqp, topologyNames, type AmqpConnection } from '@herald/amqp';
import { createLogger } from '@herald/logging';
import type { ServiceApp } from '@herald/lifecycle';
import type { GrpcUser } from '@herald/proto';
import {
  createSubscriptionKeys,
  createTestEnvironment,
  startFakeFcm,
  startPushEndpoint,
  waitFor,
  type HttpPeer,
  type PushEndpoint,
  type WorkerPeers,
} from '@herald/testkit';
import { device, queuedMessage, user } from './fixtures';
import { createPushWorker, publishPush, startPushPeers } from './start-push-worker';

const PROJECT = 'herald-test';
const RETRY_STEPS_MS = [200, 400];
const log = createLogger({ service: 'push-worker', level: 'silent' });

describe('push worker with FCM and Web Push', () => {
  const env = createTestEnvironment();
  const keys = createSubscriptionKeys();
  let fcm: HttpPeer;
  let endpoint: PushEndpoint;
  let peers: WorkerPeers;
  let app: ServiceApp | undefined;
  let broker: AmqpConnection | undefined;
  let grace: GrpcUser;
  let linus: GrpcUser;

  const publish = (body: unknown) => publishPush(broker!, body);
  const lastReport = (id: string) => peers.reports.filter((report) => report.notification_id === id).at(-1);

  beforeAll(async () => {
    fcm = await startFakeFcm(PROJECT);
    endpoint = await startPushEndpoint();
    grace = user('grace', [
      device({ kind: 'FCM', token: 'fcm-token-grace' }),
      device({
        kind: 'WEB_PUSH',
        endpoint: `${endpoint.url}/push/grace`,
        p256dh: keys.p256dh,
        auth: keys.auth,
      }),
    ]);
    linus = user('linus', [device({ kind: 'FCM', token: 'fcm-token-linus-gone' })]);
    peers = await startPushPeers([grace, linus], log);
    app = await createPushWorker(
      env,
      peers,
      {
        FCM_EMULATOR_HOST: `127.0.0.1:${fcm.port}`,
        FCM_PROJECT_ID: PROJECT,
        WEB_PUSH_CA_FILE: endpoint.caFile,
        // The fake push service listens on loopback.
        ALLOW_INSECURE_PUSH_ENDPOINTS: 'true',
        RETRY_STEPS_MS: RETRY_STEPS_MS.join(','),
      },
      log,
    );
    await app.start();
    broker = await connectAmqp(env.amqpUrl, env.amqpPrefix, log, { retryStepsMs: RETRY_STEPS_MS });
  });

  afterAll(async () => {
    await app?.stop();
    // The short steps are not among the queues the environment's cleanup knows.
    const channel = await broker?.connection.createChannel();
    for (const step of topologyNames(env.amqpPrefix, RETRY_STEPS_MS).retryQueues)
      await channel?.deleteQueue(step.name);
    await broker?.close();
    await peers?.close();
    await fcm?.close();
    await endpoint?.close();
    await env.cleanup();
  });

  it('sends an FCM HTTP v1 message and an encrypted Web Push, and reports DELIVERED with both results', async () => {
    const message = queuedMessage(grace.id);

    await publish(message);

    await waitFor(() => peers.statusesOf(message.notification_id).includes('DELIVERED'), {
      description: 'DELIVERED',
    });
    const fcmRequest = fcm.requests.find((request) =>
      request.body.toString().includes(message.notification_id),
    );
    expect(fcmRequest?.path).toBe(`/v1/projects/${PROJECT}/messages:send`);
    expect(fcmRequest?.headers.authorization).toBe('Bearer herald-emulator-token');
    expect(JSON.parse(fcmRequest!.body.toString())).toMatchObject({
      message: {
        token: 'fcm-token-grace',
        notification: {
          title: 'Hi Grace',
          body: 'Your order has shipped.',
          image: 'https://cdn.example.com/box.png',
        },
        data: { notification_id: message.notification_id, link: 'https://example.com/orders/42' },
        android: { priority: 'high', notification: { click_action: 'https://example.com/orders/42' } },
        webpush: { fcmOptions: { link: 'https://example.com/orders/42' } },
      },
    });
    const push = endpoint.requests.find((request) => request.path === '/push/grace');
    expect(push?.headers['content-encoding']).toBe('aes128gcm');
    expect(push?.headers.authorization).toMatch(/^vapid t=/);
    expect(JSON.parse(keys.decrypt(push!.body))).toEqual({
      notification_id: message.notification_id,
      title: 'Hi Grace',
      body: 'Your order has shipped.',
      image: 'https://cdn.example.com/box.png',
      link: 'https://example.com/orders/42',
    });
    const detail = JSON.parse(lastReport(message.notification_id)!.detail) as { result: string }[];
    expect(detail.map((entry) => entry.result)).toEqual(['accepted', 'accepted']);
  });

  it('fails an UNREGISTERED token permanently and has users invalidate it with the reason', async () => {
    fcm.answerWith(() => ({
      status: 404,
      body: {
        error: {
          code: 404,
          message: 'Requested entity was not found.',
          status: 'NOT_FOUND',
          details: [
            { '@type': 'type.googleapis.com/google.firebase.fcm.v1.FcmError', errorCode: 'UNREGISTERED' },
          ],
        },
      },
    }));
    const message = queuedMessage(linus.id);

    await publish(message);

    await waitFor(() => peers.statusesOf(message.notification_id).includes('FAILED'), {
      description: 'FAILED',
    });
    fcm.answerWith(undefined);
    expect(peers.statusesOf(message.notification_id)).toEqual(['SENDING', 'FAILED']);
    expect(peers.invalidations).toContainEqual({
      user_id: linus.id,
      token: 'fcm-token-linus-gone',
      reason: expect.stringContaining('registration-token-not-registered') as unknown as string,
    });
  });

  it('delivers when one device accepts and the other is gone (410), invalidating the gone one', async () => {
    endpoint.answerWith(() => ({ status: 410, body: {} }));
    const message = queuedMessage(grace.id);

    await publish(message);

    await waitFor(() => peers.statusesOf(message.notification_id).includes('DELIVERED'), {
      description: 'DELIVERED',
    });
    endpoint.answerWith(undefined);
    const detail = JSON.parse(lastReport(message.notification_id)!.detail) as { result: string }[];
    expect(detail.map((entry) => entry.result)).toEqual(['accepted', 'refused']);
    expect(peers.invalidations.map((entry) => entry.token)).toContain(`${endpoint.url}/push/grace`);
  });

  it("retries a notification when FCM stays unavailable (503) past firebase-admin's own retries", async () => {
    // firebase-admin retries a 503 itself, four times with backoff (0 + 1 + 2 + 4 s).
    let unavailable = 5;
    fcm.answerWith(() =>
      unavailable-- > 0
        ? {
            status: 503,
            body: { error: { code: 503, message: 'The service is unavailable.', status: 'UNAVAILABLE' } },
          }
        : { status: 200, body: { name: `projects/${PROJECT}/messages/after-503` } },
    );
    const message = queuedMessage(linus.id);

    await publish(message);

    await waitFor(() => peers.statusesOf(message.notification_id).includes('DELIVERED'), {
      description: 'DELIVERED after 503',
      timeoutMs: 25_000,
    });
    fcm.answerWith(undefined);
    expect(peers.statusesOf(message.notification_id)).toEqual([
      'SENDING',
      'RETRYING',
      'SENDING',
      'DELIVERED',
    ]);
    const retrying = peers.reports.find(
      (report) => report.notification_id === message.notification_id && report.status === 'RETRYING',
    );
    expect(retrying?.detail).toContain('unavailable');
  });
});
