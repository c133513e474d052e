import { randomUUID } from 'node:crypto';
import type { Channel as AmqpChannel, GetMessage } from 'amqplib';
import { Redis } from 'ioredis';
import { connectAmqp, createPublisher, type AmqpConnection } from '@herald/amqp';
import { createLogger } from '@herald/logging';
import type { BoundPorts, ServiceApp } from '@herald/lifecycle';
import {
  createTestEnvironment,
  freePort,
  startSmtpSink,
  startWorkerPeers,
  waitFor,
  type SmtpSink,
  type WorkerPeers,
} from '@herald/testkit';
import { createUnsubscribeTokenCodec } from '@herald/contracts';
import { createApp } from '../src/app';
import { loadEmailWorkerConfig } from '../src/config';
import { ada, grace, queuedMessage, welcomeTemplate } from './fixtures';

const UNSUBSCRIBE_SECRET = 'email-worker-test-unsubscribe-secret-0123456789';

const INTERNAL_TOKEN = 'email-worker-test-token';

/** The notification id of a dead letter, when its body is a JSON object naming one. */
function notificationIdOf(message: GetMessage): string | undefined {
  try {
    const body: unknown = JSON.parse(message.content.toString());
    return typeof body === 'object' && body !== null && 'notification_id' in body
      ? String(body.notification_id)
      : undefined;
  } catch {
    return undefined;
  }
}

describe('email worker', () => {
  const env = createTestEnvironment();
  const log = createLogger({ service: 'email-worker', level: 'silent' });
  let sink: SmtpSink;
  let peers: WorkerPeers;
  let app: ServiceApp | undefined;
  let ports: BoundPorts;
  let broker: AmqpConnection | undefined;
  let inspector: AmqpChannel;
  const deadLetters: GetMessage[] = [];

  const publish = (body: unknown) =>
    createPublisher(broker!.publishChannel).publishJson(broker!.names.directExchange, 'email', body, {
      priority: 5,
    });

  /** Drains failed.queue into deadLetters until one matches. */
  const waitForDeadLetter = (matches: (message: GetMessage) => boolean) =>
    waitFor(
      async () => {
        for (
          let next = await inspector.get(broker!.names.failedQueue, { noAck: true });
          next;
          next = await inspector.get(broker!.names.failedQueue, { noAck: true })
        ) {
          deadLetters.push(next);
        }
        return deadLetters.find(matches);
      },
      { description: 'a message in failed.queue' },
    );

  const mailsFor = (notificationId: string) =>
    sink.messages.filter((mail) => mail.messageId.includes(notificationId));

  /** Messages taken off the queue and acked unsent as duplicates. */
  const duplicatesDropped = async () => {
    const metrics = await (await fetch(`http://127.0.0.1:${ports.http}/metrics`)).text();
    return Number(
      /herald_messages_consumed_total\{[^}]*result="duplicate"[^}]*\} (\d+)/.exec(metrics)?.[1] ?? 0,
    );
  };

  /** What users publishes after a user changes. */
  const announceUserChange = async (userId: string) => {
    const redis = new Redis(env.redisUrl, { maxRetriesPerRequest: 1 });
    try {
      await redis.publish(`${env.redisPrefix}users:changed`, JSON.stringify({ id: userId }));
    } finally {
      redis.disconnect();
    }
  };

  beforeAll(async () => {
    sink = await startSmtpSink();
    peers = await startWorkerPeers({
      users: [ada, grace],
      channel: 'EMAIL',
      template: welcomeTemplate,
      internalToken: INTERNAL_TOKEN,
      log,
    });
    const config = loadEmailWorkerConfig({
      PORT: '0',
      LOG_LEVEL: 'silent',
      INTERNAL_TOKEN,
      ...env.serviceEnv,
      USERS_GRPC: peers.address,
      TEMPLATES_GRPC: peers.address,
      NOTIFICATIONS_GRPC: peers.address,
      SMTP_URL: sink.url,
      PUBLIC_URL: 'https://herald.example/',
      UNSUBSCRIBE_SECRET,
    });
    app = await createApp(config, log);
    ports = await app.start();
    broker = await connectAmqp(env.amqpUrl, env.amqpPrefix, log);
    inspector = await broker.connection.createChannel();
  });

  afterEach(() => sink.rejectWith(undefined));

  afterAll(async () => {
    await app?.stop();
    await broker?.close();
    await peers?.close();
    await sink?.close();
    await env.cleanup();
  });

  it('sends one rendered mail to the user and reports SENDING then DELIVERED', async () => {
    const message = queuedMessage();

    await publish(message);

    await waitFor(() => peers.statusesOf(message.notification_id).includes('DELIVERED'), {
      description: 'DELIVERED',
    });
    expect(peers.statusesOf(message.notification_id)).toEqual(['SENDING', 'DELIVERED']);
    const mails = mailsFor(message.notification_id);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({
      to: [ada.email],
      // The envelope sender: the notification's signed VERP address (decision 0028).
      from: expect.stringMatching(
        new RegExp(`^bounces\\+${message.notification_id}\\.[0-9a-f]{16}@herald\\.local$`),
      ),
      subject: 'Welcome, Ada Lovelace',
    });
    expect(mails[0]?.headers.from).toBe('Herald <no-reply@herald.local>');
    expect(mails[0]?.text).toContain('Hello Ada Lovelace');
    expect(mails[0]?.html).toContain('<b>Ada Lovelace</b>');
    const delivered = peers.reports.find(
      (report) => report.notification_id === message.notification_id && report.status === 'DELIVERED',
    );
    expect(delivered?.detail).toBe(mails[0]?.messageId);
  });

  it('puts List-Unsubscribe on a marketing mail and none on a security mail', async () => {
    const marketing = queuedMessage({ category: 'marketing' });
    const security = queuedMessage({ category: 'security' });

    await publish(marketing);
    await publish(security);

    await waitFor(
      () => mailsFor(marketing.notification_id).length + mailsFor(security.notification_id).length === 2,
      {
        description: 'both mails at the sink',
      },
    );
    const headers = mailsFor(marketing.notification_id)[0]?.headers ?? {};
    const token = /^<https:\/\/herald\.example\/unsubscribe\/([A-Za-z0-9_-]+)>$/.exec(
      String(headers['list-unsubscribe']),
    )?.[1];
    expect(token && createUnsubscribeTokenCodec(UNSUBSCRIBE_SECRET).read(token)).toEqual({
      userId: ada.id,
      category: 'marketing',
    });
    expect(headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    expect(mailsFor(security.notification_id)[0]?.headers).not.toHaveProperty('list-unsubscribe');
    expect(mailsFor(security.notification_id)[0]?.headers).not.toHaveProperty('list-unsubscribe-post');
  });

  it('skips, unsent, a mail the user turned email off for after it was queued', async () => {
    const first = queuedMessage({ user_id: grace.id });
    await publish(first);
    await waitFor(() => peers.statusesOf(first.notification_id).includes('DELIVERED'), {
      description: 'DELIVERED while email is on',
    });

    // As users does on updatePreferences: the new preferences, then the change announcement.
    grace.preferences = { email: false, push: true, opted_out_categories: [], quiet_hours: null };
    await announceUserChange(grace.id);
    const second = queuedMessage({ user_id: grace.id });
    await publish(second);

    await waitFor(() => peers.statusesOf(second.notification_id).includes('SKIPPED'), {
      description: 'SKIPPED once email is off',
    });
    expect(peers.statusesOf(second.notification_id)).toEqual(['SENDING', 'SKIPPED']);
    expect(
      peers.reports.find(
        (report) => report.notification_id === second.notification_id && report.status === 'SKIPPED',
      )?.detail,
    ).toBe('user turned email notifications off at send time');
    expect(mailsFor(second.notification_id)).toHaveLength(0);
  });

  it('asks users for a recipient once, and again after users announced a change to it', async () => {
    const deliver = async () => {
      const message = queuedMessage();
      await publish(message);
      await waitFor(() => peers.statusesOf(message.notification_id).includes('DELIVERED'), {
        description: 'DELIVERED',
      });
    };
    await deliver();
    const lookups = peers.userLookups.length;
    await deliver();
    expect(peers.userLookups).toHaveLength(lookups);

    await announceUserChange(ada.id);
    await deliver();
    expect(peers.userLookups).toHaveLength(lookups + 1);
  });

  it('dead-letters an unparseable message with x-herald-error and keeps consuming', async () => {
    await new Promise<void>((resolve, reject) =>
      broker!.publishChannel.publish(
        broker!.names.directExchange,
        'email',
        Buffer.from('{not json'),
        { persistent: true },
        (error) => (error ? reject(new Error(String(error))) : resolve()),
      ),
    );

    const deadLetter = await waitForDeadLetter((candidate) => candidate.content.toString() === '{not json');
    expect(String(deadLetter.properties.headers?.['x-herald-error'])).toMatch(/^unparseable message/);

    const next = queuedMessage();
    await publish(next);
    await waitFor(() => peers.statusesOf(next.notification_id).includes('DELIVERED'), {
      description: 'DELIVERED after a bad message',
    });
  });

  it('reports FAILED and dead-letters the message when the SMTP server refuses it with 550', async () => {
    sink.rejectWith(550);
    const message = queuedMessage();

    await publish(message);

    const deadLetter = await waitForDeadLetter(
      (candidate) => notificationIdOf(candidate) === message.notification_id,
    );
    expect(String(deadLetter.properties.headers?.['x-herald-error'])).toContain('550');
    expect(peers.statusesOf(message.notification_id)).toEqual(['SENDING', 'FAILED']);
    expect(mailsFor(message.notification_id)).toHaveLength(0);
  });

  it('reports RETRYING on a 451 and delivers on the next attempt', async () => {
    sink.rejectWith(451);
    const deliveryId = randomUUID();
    const message = queuedMessage({ delivery_id: deliveryId });

    await publish(message);

    await waitFor(() => peers.statusesOf(message.notification_id).includes('RETRYING'), {
      description: 'RETRYING',
    });
    sink.rejectWith(undefined);
    await waitFor(() => peers.statusesOf(message.notification_id).includes('DELIVERED'), {
      description: 'DELIVERED on retry',
    });
    expect(peers.statusesOf(message.notification_id)).toEqual([
      'SENDING',
      'RETRYING',
      'SENDING',
      'DELIVERED',
    ]);
    const delivered = peers.reports
      .filter((report) => report.notification_id === message.notification_id)
      .at(-1);
    expect(delivered?.attempt).toBe(2);
    expect(mailsFor(message.notification_id)).toHaveLength(1);
    // The copy keeps its delivery id through the retry queue, so its second claim is its own.
    const reported = peers.reports.filter((report) => report.notification_id === message.notification_id);
    expect(new Set(reported.map((report) => report.delivery_id))).toEqual(new Set([deliveryId]));
  });

  it('drops a second copy of a message unsent while the first copy holds the claim', async () => {
    // The relay published the row twice (it died between the broker's confirm and its commit).
    const [firstCopy, secondCopy] = [randomUUID(), randomUUID()];
    const first = queuedMessage({ delivery_id: firstCopy });
    const second = { ...first, delivery_id: secondCopy, attempt: 3 };
    const droppedBefore = await duplicatesDropped();
    sink.hold();
    try {
      await publish(first);
      await waitFor(() => sink.heldCount() === 1, {
        description: 'the first copy waiting at the SMTP server',
      });
      await publish(second);
      await waitFor(async () => (await duplicatesDropped()) === droppedBefore + 1, {
        description: 'the second copy dropped as a duplicate',
      });
    } finally {
      sink.release();
    }

    await waitFor(() => peers.statusesOf(first.notification_id).includes('DELIVERED'), {
      description: 'the first copy delivered',
    });
    expect(mailsFor(first.notification_id)).toHaveLength(1);
    const claims = peers.reports.filter(
      (report) => report.notification_id === first.notification_id && report.status === 'SENDING',
    );
    expect(claims.map((report) => report.delivery_id)).toEqual([firstCopy, secondCopy]);
  });

  it('fails without retrying when the template needs a variable the message lacks', async () => {
    const message = queuedMessage({ variables: {} });

    await publish(message);

    await waitForDeadLetter((candidate) => notificationIdOf(candidate) === message.notification_id);
    expect(peers.statusesOf(message.notification_id)).toEqual(['SENDING', 'FAILED']);
    const failed = peers.reports.find(
      (report) => report.notification_id === message.notification_id && report.status === 'FAILED',
    );
    expect(failed?.detail).toBe('UNPROCESSABLE: missing template variables: name');
  });

  it('renders many messages from one fetched version, never asking templates to render', async () => {
    // A locale no other test asks for, so the worker has not fetched this version yet.
    const messages = Array.from({ length: 12 }, (_, index) =>
      queuedMessage({ locale: 'en-GB', variables: { name: `Reader ${index}` } }),
    );
    const lookupsBefore = peers.versionLookups.length;

    await Promise.all(messages.map((message) => publish(message)));

    await waitFor(
      () => messages.every((message) => peers.statusesOf(message.notification_id).includes('DELIVERED')),
      { description: 'every message DELIVERED' },
    );
    messages.forEach((message, index) => {
      expect(mailsFor(message.notification_id)[0]?.subject).toBe(`Welcome, Reader ${index}`);
    });
    expect(peers.versionLookups.slice(lookupsBefore)).toEqual([
      { code: 'welcome', locale: 'en-GB', version: 1 },
    ]);
    expect(peers.renderCalls).toBe(0);
  });

  it('renders the newly published version from the message after templates announced it', async () => {
    // Version 0 asks for the published version, as a notification accepted without one does.
    const deliver = async (overrides: Record<string, unknown> = {}) => {
      const message = queuedMessage({ template_version: 0, ...overrides });
      await publish(message);
      await waitFor(() => peers.statusesOf(message.notification_id).includes('DELIVERED'), {
        description: 'DELIVERED',
      });
      return mailsFor(message.notification_id)[0]?.subject;
    };
    expect(await deliver()).toBe('Welcome, Ada Lovelace');
    peers.publishVersion({ subject: 'Hello again, {{name}}', body: 'Version 2 for {{name}}' });
    // Until templates announces the publish, the compiled version keeps serving.
    expect(await deliver()).toBe('Welcome, Ada Lovelace');

    const redis = new Redis(env.redisUrl, { maxRetriesPerRequest: 1 });
    try {
      await redis.publish(`${env.redisPrefix}templates:changed`, JSON.stringify({ code: 'welcome' }));
    } finally {
      redis.disconnect();
    }

    expect(await deliver()).toBe('Hello again, Ada Lovelace');
    // A message naming its version still renders that version: versions never change.
    expect(await deliver({ template_version: 1 })).toBe('Welcome, Ada Lovelace');
    expect(peers.renderCalls).toBe(0);
  });

  it('answers /ready with the broker and status stream probes', async () => {
    const response = await fetch(`http://127.0.0.1:${ports.http}/ready`);

    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      status: 'ready',
      checks: { amqp: 'ok', status_stream: 'ok' },
    });
  });
});

describe('email worker start-up', () => {
  it('fails with one line naming AMQP_URL when the broker cannot be reached', async () => {
    const port = await freePort();
    const config = loadEmailWorkerConfig({ PORT: '0', AMQP_URL: `amqp://guest:guest@127.0.0.1:${port}` });

    await expect(
      createApp(config, createLogger({ service: 'email-worker', level: 'silent' })),
    ).rejects.toThrow(/^cannot start: AMQP_URL is unreachable/);
  });

  it('is not ready while its status stream to notifications cannot open', async () => {
    const env = createTestEnvironment();
    const nobody = await freePort();
    const config = loadEmailWorkerConfig({
      PORT: '0',
      LOG_LEVEL: 'silent',
      ...env.serviceEnv,
      NOTIFICATIONS_GRPC: `127.0.0.1:${nobody}`,
    });
    const app = await createApp(config, createLogger({ service: 'email-worker', level: 'silent' }));
    try {
      const { http } = await app.start();
      const response = await fetch(`http://127.0.0.1:${http}/ready`);

      expect(response.status).toBe(503);
      const { checks } = (await response.json()) as { checks: Record<string, string> };
      expect(checks.amqp).toBe('ok');
      expect(checks.status_stream).toMatch(/UNAVAILABLE/);
    } finally {
      await app.stop();
      await env.cleanup();
    }
  });
});
