import { join } from 'node:path';
import { createLogger } from '@herald/logging';
import { CleanupStack } from '@herald/lifecycle';
import {
  createDeliveryLedger,
  createTestEnvironment,
  REPO_ROOT,
  startFakeFcm,
  startRabbitCluster,
  startRedisSentinelGroup,
  startSmtpSink,
  startTcpProxy,
  type HttpPeer,
  type RabbitCluster,
  type RedisSentinelGroup,
  type SmtpSink,
  type TcpProxy,
} from '@herald/testkit';
import { FCM_PROJECT_ID, RESILIENCE_ENV, throughProxy } from '../harness';
import { withSightings, type SightingLedger } from '../sightings';
import { startReplicatedSystem, type ReplicatedSystem } from './replicated-system';

/** The multi-node topology and every handle the cluster faults pull. */
export interface ClusterHarness {
  readonly system: ReplicatedSystem;
  readonly rabbit: RabbitCluster;
  /** AMQP_PREFIX of the run: the work queues are `${amqpPrefix}email.queue` and push.queue. */
  readonly amqpPrefix: string;
  readonly redis: RedisSentinelGroup;
  /**
   * Notifications replica a reaches each RabbitMQ node through one of these, so a fault can hold
   * the broker's confirms back and catch its relay with a batch claimed and not yet recorded.
   */
  readonly relayProxies: readonly TcpProxy[];
  readonly smtp: SmtpSink;
  readonly fcm: HttpPeer;
  readonly ledger: SightingLedger;
  readonly logDir: string;
  stop(): Promise<void>;
}

/**
 * RabbitMQ as a three-node cluster with quorum queues, Redis as one primary, one replica and
 * three Sentinels, all from the machine's binaries on ports of their own; two replicas of every
 * service; the SMTP sink and the fake FCM reached directly.
 */
export async function startClusterHarness(): Promise<ClusterHarness> {
  const cleanup = new CleanupStack(createLogger({ service: 'cluster-faults', level: 'warn' }));
  try {
    const environment = cleanup.push('test environment', createTestEnvironment(), (env) => env.cleanup());
    const ledger = withSightings(createDeliveryLedger());
    const smtp = cleanup.push('SMTP sink', await startSmtpSink(ledger), (sink) => sink.close());
    const fcm = cleanup.push('fake FCM', await startFakeFcm(FCM_PROJECT_ID, ledger), (peer) => peer.close());
    const [rabbit, redis] = await Promise.all([
      startRabbitCluster({ nodes: 3 }).then((started) =>
        cleanup.push('RabbitMQ cluster', started, (cluster) => cluster.stop()),
      ),
      startRedisSentinelGroup().then((started) =>
        cleanup.push('Redis Sentinel group', started, (group) => group.stop()),
      ),
    ]);
    const amqpNodes = rabbit.urls;
    const relayProxies: TcpProxy[] = [];
    for (const url of amqpNodes) {
      const { hostname, port } = new URL(url);
      const proxy = await startTcpProxy({ host: hostname, port: Number(port) });
      relayProxies.push(cleanup.push('relay proxy', proxy, (held) => held.close()));
    }
    const logDir = join(REPO_ROOT, 'var', 'faults', 'logs', `cluster-${environment.runId}`);
    const system = cleanup.push(
      'services',
      await startReplicatedSystem({
        env: {
          NODE_ENV: 'test',
          LOG_LEVEL: 'info',
          INTERNAL_TOKEN: 'faults-internal-token',
          ...environment.serviceEnv,
          AMQP_URL: amqpNodes.join(','),
          AMQP_QUEUE_TYPE: 'quorum',
          REDIS_URL: `redis://127.0.0.1:${redis.primary.port}`,
          REDIS_SENTINELS: redis.sentinelAddresses,
          REDIS_SENTINEL_NAME: redis.masterName,
          SMTP_URL: smtp.url,
          FCM_EMULATOR_HOST: `127.0.0.1:${fcm.port}`,
          FCM_PROJECT_ID,
          ...RESILIENCE_ENV,
        },
        databaseUrl: (service) => environment.databaseUrl(service),
        serviceEnv: (replica) =>
          replica === 'a'
            ? {
                notifications: {
                  AMQP_URL: amqpNodes.map((url, index) => throughProxy(url, relayProxies[index]!)).join(','),
                },
              }
            : {},
        logDir,
        // Twelve Node processes start on a machine shared with other suites.
        startTimeoutMs: 180_000,
      }),
      (started) => started.stop(),
    );
    return {
      system,
      rabbit,
      amqpPrefix: environment.amqpPrefix,
      redis,
      relayProxies,
      smtp,
      fcm,
      ledger,
      logDir,
      stop: () => cleanup.dispose(),
    };
  } catch (error) {
    await cleanup.dispose();
    throw error;
  }
}
