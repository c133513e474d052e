import { join } from 'node:path';
import {
  createDeliveryLedger,
  createTestEnvironment,
  REPO_ROOT,
  startFakeFcm,
  startHeraldSystem,
  startSmtpSink,
  startTcpProxy,
  type HeraldSystem,
  type HttpPeer,
  type SmtpSink,
  type TcpProxy,
} from '@herald/testkit';
import { withSightings, type SightingLedger } from './sightings';

export type Dependency = 'postgres' | 'redis' | 'amqp' | 'smtp';

/** The running system, and every handle the faults pull: proxies, sinks, processes. */
export interface FaultHarness {
  readonly system: HeraldSystem;
  readonly proxies: Readonly<Record<Dependency, TcpProxy>>;
  readonly smtp: SmtpSink;
  readonly fcm: HttpPeer;
  /** Every accepted notification, and every sighting at the SMTP and FCM sinks. */
  readonly ledger: SightingLedger;
  readonly logDir: string;
  stop(): Promise<void>;
}

export const FCM_PROJECT_ID = 'herald-faults';

/**
 * Retries and breakers tuned so that a 20 s outage is ridden out by retries (about 45 s of
 * backoff before MAX_ATTEMPTS) and a closed provider is tried again within seconds.
 */
/** Messages each worker takes at once; it bounds the sends a killed worker leaves unrecorded. */
export const WORKER_PREFETCH = 20;

export const RESILIENCE_ENV = {
  PREFETCH: `${WORKER_PREFETCH}`,
  RETRY_STEPS_MS: '500,1000,2000,4000,8000',
  MAX_ATTEMPTS: '10',
  BREAKER_RESET_MS: '3000',
  OUTBOX_POLL_MS: '200',
};

/** Points a server URL at a loopback proxy, keeping credentials, path and query. */
export function throughProxy(url: string, proxy: TcpProxy): string {
  const proxied = new URL(url);
  proxied.hostname = '127.0.0.1';
  proxied.port = `${proxy.port}`;
  return proxied.toString();
}

function hostPort(url: string): { host: string; port: number } {
  const parsed = new URL(url);
  return { host: parsed.hostname, port: Number(parsed.port) };
}

/**
 * Starts the six services with every dependency behind a proxy the suite controls: PostgreSQL,
 * Redis, RabbitMQ and the SMTP sink. The fake FCM is reached directly; it fails by answering 503.
 */
export async function startFaultHarness(): Promise<FaultHarness> {
  const environment = createTestEnvironment();
  const ledger = withSightings(createDeliveryLedger());
  const smtp = await startSmtpSink(ledger);
  const fcm = await startFakeFcm(FCM_PROJECT_ID, ledger);
  const proxies: Record<Dependency, TcpProxy> = {
    postgres: await startTcpProxy(hostPort(environment.databaseUrl('users'))),
    redis: await startTcpProxy(hostPort(environment.redisUrl)),
    amqp: await startTcpProxy(hostPort(environment.amqpUrl)),
    smtp: await startTcpProxy({ host: '127.0.0.1', port: smtp.port }),
  };
  const logDir = join(REPO_ROOT, 'var', 'faults', 'logs', environment.runId);
  const closePeers = async () => {
    await Promise.all(Object.values(proxies).map((proxy) => proxy.close()));
    await smtp.close();
    await fcm.close();
    await environment.cleanup();
  };
  const system = await startHeraldSystem({
    env: {
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      INTERNAL_TOKEN: 'faults-internal-token',
      ...environment.serviceEnv,
      AMQP_URL: throughProxy(environment.amqpUrl, proxies.amqp),
      REDIS_URL: throughProxy(environment.redisUrl, proxies.redis),
      SMTP_URL: throughProxy(smtp.url, proxies.smtp),
      FCM_EMULATOR_HOST: `127.0.0.1:${fcm.port}`,
      FCM_PROJECT_ID,
      ...RESILIENCE_ENV,
    },
    databaseUrl: (service) => throughProxy(environment.databaseUrl(service), proxies.postgres),
    logDir,
    // On a machine shared with other suites, creating a database and starting Node can take
    // well over the default 30 s; a slow start is not the fault under test.
    startTimeoutMs: 120_000,
  }).catch(async (error: unknown) => {
    await closePeers();
    throw error;
  });
  return {
    system,
    proxies,
    smtp,
    fcm,
    ledger,
    logDir,
    stop: async () => {
      for (const proxy of Object.values(proxies)) proxy.restore();
      await system.stop();
      await closePeers();
    },
  };
}
