import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { join } from 'node:path';
import { connectAmqp, createPublisher, type AmqpConnection } from '@herald/amqp';
import { createLogger } from '@herald/logging';
import {
  REPO_ROOT,
  createTestEnvironment,
  startSmtpSink,
  startWorkerPeers,
  type SmtpSink,
  type TemplateSourcesFixture,
  type WorkerPeers,
} from '@herald/testkit';
import { ada } from './fixtures';

// The worker runs from dist/ as a real process, so it can be signalled for real: `npm test` builds first.
const WORKER_MAIN = join(REPO_ROOT, 'workers/email/dist/main.js');
const INTERNAL_TOKEN = 'email-worker-process-token';

/** An SMTP sink, fake gRPC peers and the run's own broker topology, for email workers run as processes. */
export interface WorkerProcessRig {
  readonly sink: SmtpSink;
  readonly peers: WorkerPeers;
  readonly broker: AmqpConnection;
  /** Publishes a queue message on the email routing key. */
  publish(message: object): Promise<void>;
  /** Starts a worker process on this rig; `env` adds to or overrides its environment. */
  startWorker(env?: Record<string, string>, stdio?: StdioOptions): ChildProcess;
  /** SIGKILLs every worker it started, then closes and removes everything. */
  close(): Promise<void>;
}

export async function startWorkerProcessRig(template: TemplateSourcesFixture): Promise<WorkerProcessRig> {
  const environment = createTestEnvironment();
  const log = createLogger({ service: 'worker-process-test', level: 'silent' });
  const sink = await startSmtpSink();
  const peers = await startWorkerPeers({
    users: [ada],
    channel: 'EMAIL',
    template,
    internalToken: INTERNAL_TOKEN,
    log,
  });
  const broker = await connectAmqp(environment.amqpUrl, environment.amqpPrefix, log);
  const workers: ChildProcess[] = [];
  return {
    sink,
    peers,
    broker,
    publish: (message) =>
      createPublisher(broker.publishChannel).publishJson(broker.names.directExchange, 'email', message),
    startWorker: (env = {}, stdio = 'ignore') => {
      const worker = spawn(process.execPath, [WORKER_MAIN], {
        cwd: REPO_ROOT,
        stdio,
        env: {
          ...process.env,
          NODE_ENV: 'test',
          LOG_LEVEL: 'silent',
          PORT: '0',
          AMQP_URL: environment.amqpUrl,
          AMQP_PREFIX: environment.amqpPrefix,
          USERS_GRPC: peers.address,
          TEMPLATES_GRPC: peers.address,
          NOTIFICATIONS_GRPC: peers.address,
          INTERNAL_TOKEN,
          SMTP_URL: sink.url,
          ...env,
        },
      });
      workers.push(worker);
      return worker;
    },
    close: async () => {
      for (const worker of workers) if (worker.exitCode === null) worker.kill('SIGKILL');
      sink.release();
      await broker.close();
      await peers.close();
      await sink.close();
      await environment.cleanup();
    },
  };
}
