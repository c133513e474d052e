import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { connectAmqp, createPublisher, type AmqpConnection } from '@herald/amqp';
import { createLogger } from '@herald/logging';
import {
  REPO_ROOT,
  createTestEnvironment,
  startSmtpSink,
  startWorkerPeers,
  waitFor,
  type SmtpSink,
  type WorkerPeers,
} from '@herald/testkit';
import { ada } from './fixtures';

// The worker runs from dist/ as a real process, so it can be killed for real: `npm test` builds first.
const WORKER_MAIN = join(REPO_ROOT, 'workers/email/dist/main.js');
const INTERNAL_TOKEN = 'email-worker-crash-token';
const PREFETCH = 5;
const TOTAL = 20;

describe('email worker killed with SIGKILL mid-batch', () => {
  const env = createTestEnvironment();
  const log = createLogger({ service: 'worker-crash-test', level: 'silent' });
  let sink: SmtpSink;
  let peers: WorkerPeers;
  let broker: AmqpConnection;
  const workers: ChildProcess[] = [];

  const startWorker = () => {
    const child = spawn(process.execPath, [WORKER_MAIN], {
      cwd: REPO_ROOT,
      stdio: 'ignore',
      env: {
        ...process.env,
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
        PORT: '0',
        AMQP_URL: env.amqpUrl,
        AMQP_PREFIX: env.amqpPrefix,
        USERS_GRPC: peers.address,
        TEMPLATES_GRPC: peers.address,
        NOTIFICATIONS_GRPC: peers.address,
        INTERNAL_TOKEN,
        SMTP_URL: sink.url,
        PREFETCH: String(PREFETCH),
      },
    });
    workers.push(child);
    return child;
  };

  const delivered = () =>
    new Set(peers.reports.filter((r) => r.status === 'DELIVERED').map((r) => r.notification_id));

  beforeAll(async () => {
    sink = await startSmtpSink();
    peers = await startWorkerPeers({
      users: [ada],
      channel: 'EMAIL',
      template: { subject: 'Message {{n}}', body: 'Body {{n}}' },
      internalToken: INTERNAL_TOKEN,
      log,
    });
    broker = await connectAmqp(env.amqpUrl, env.amqpPrefix, log);
  });

  afterAll(async () => {
    for (const worker of workers) worker.kill('SIGKILL');
    sink?.release();
    await broker?.close();
    await peers?.close();
    await sink?.close();
    await env.cleanup();
  });

  it('delivers every notification exactly once, counted at the sink, after a restart', async () => {
    sink.hold();
    const ids = Array.from({ length: TOTAL }, () => randomUUID());
    const publisher = createPublisher(broker.publishChannel);
    for (const [n, id] of ids.entries()) {
      await publisher.publishJson(broker.names.directExchange, 'email', {
        notification_id: id,
        request_id: randomUUID(),
        user_id: ada.id,
        channel: 'email',
        template_code: 'numbered',
        template_version: 1,
        locale: 'en',
        variables: { n },
        priority: 5,
        correlation_id: randomUUID(),
        attempt: 1,
        created_at: new Date().toISOString(),
      });
    }

    const first = startWorker();
    await waitFor(() => sink.heldCount() === PREFETCH, { description: 'a full batch waiting at the sink' });
    // Let one batch through; the worker acks it and takes the next batch, which waits at the sink.
    sink.release(PREFETCH);
    await waitFor(() => delivered().size === PREFETCH && sink.heldCount() === PREFETCH, {
      description: 'the first batch delivered and the second in flight',
    });

    first.kill('SIGKILL');
    await waitFor(() => sink.heldCount() === 0, { description: 'the killed worker’s connections to close' });
    expect(sink.messages).toHaveLength(PREFETCH);

    sink.release();
    startWorker();
    await waitFor(() => delivered().size === TOTAL, {
      timeoutMs: 30_000,
      description: 'every notification delivered',
    });

    const perNotification = new Map<string, number>();
    for (const mail of sink.messages) {
      const id = ids.find((candidate) => mail.messageId.includes(candidate));
      if (id) perNotification.set(id, (perNotification.get(id) ?? 0) + 1);
    }
    expect(sink.messages).toHaveLength(TOTAL);
    expect([...perNotification.values()].every((count) => count === 1)).toBe(true);
    expect(perNotification.size).toBe(TOTAL);
  });
});
