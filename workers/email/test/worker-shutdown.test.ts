import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
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
import { ada, queuedMessage, welcomeTemplate } from './fixtures';

// The worker runs from dist/ as a real process, so it gets a real SIGTERM: `npm test` builds first.
const WORKER_MAIN = join(REPO_ROOT, 'workers/email/dist/main.js');
const INTERNAL_TOKEN = 'email-worker-shutdown-token';

describe('email worker given SIGTERM mid-delivery', () => {
  const env = createTestEnvironment();
  const log = createLogger({ service: 'worker-shutdown-test', level: 'silent' });
  let sink: SmtpSink;
  let peers: WorkerPeers;
  let broker: AmqpConnection;
  let worker: ChildProcess | undefined;

  beforeAll(async () => {
    sink = await startSmtpSink();
    peers = await startWorkerPeers({
      users: [ada],
      channel: 'EMAIL',
      template: welcomeTemplate,
      internalToken: INTERNAL_TOKEN,
      log,
    });
    broker = await connectAmqp(env.amqpUrl, env.amqpPrefix, log);
  });

  afterAll(async () => {
    if (worker?.exitCode === null) worker.kill('SIGKILL');
    sink?.release();
    await broker?.close();
    await peers?.close();
    await sink?.close();
    await env.cleanup();
  });

  const publish = (message: ReturnType<typeof queuedMessage>) =>
    createPublisher(broker.publishChannel).publishJson(broker.names.directExchange, 'email', message);

  /** Messages in email.queue that nobody holds: an unacked one is back here once its consumer is gone. */
  const waitingInQueue = async () => {
    const channel = await broker.connection.createChannel();
    try {
      return (await channel.checkQueue(broker.names.queues.email)).messageCount;
    } finally {
      await channel.close();
    }
  };

  it('takes nothing new, finishes the send under way, records it, acks it and exits 0', async () => {
    sink.hold();
    const inFlight = queuedMessage();
    await publish(inFlight);
    worker = spawn(process.execPath, [WORKER_MAIN], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'ignore'],
      env: {
        ...process.env,
        NODE_ENV: 'test',
        LOG_LEVEL: 'info',
        PORT: '0',
        AMQP_URL: env.amqpUrl,
        AMQP_PREFIX: env.amqpPrefix,
        USERS_GRPC: peers.address,
        TEMPLATES_GRPC: peers.address,
        NOTIFICATIONS_GRPC: peers.address,
        INTERNAL_TOKEN,
        SMTP_URL: sink.url,
      },
    });
    const logLines: string[] = [];
    createInterface({ input: worker.stdout! }).on('line', (line) => logLines.push(line));
    const exited = new Promise<number | null>((resolve) => worker!.once('exit', (code) => resolve(code)));
    await waitFor(() => sink.heldCount() === 1, { description: 'the send to wait at the SMTP server' });

    worker.kill('SIGTERM');
    await waitFor(() => logLines.some((line) => line.includes('"message":"shutting down"')), {
      description: 'the worker to start shutting down',
    });
    // Published while the worker drains: it stays in the queue for the next worker.
    const later = queuedMessage();
    await publish(later);
    sink.release();

    expect(await exited).toBe(0);
    expect(sink.messages).toHaveLength(1);
    expect(sink.messages[0]!.messageId).toContain(inFlight.notification_id);
    expect(peers.statusesOf(inFlight.notification_id)).toEqual(['SENDING', 'DELIVERED']);
    expect(peers.statusesOf(later.notification_id)).toEqual([]);
    // Acked: only the later message is left, so nothing is delivered twice or lost.
    expect(await waitingInQueue()).toBe(1);
  });
});
