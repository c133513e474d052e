import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  createTestEnvironment,
  REPO_ROOT,
  startFakeFcm,
  startHeraldSystem,
  startSmtpSink,
  SERVICE_NAMES,
  type ServiceName,
  type TestEnvironment,
} from '@herald/testkit';
import { createLedgerSwitch, type LedgerSwitch } from './deliveries';
import { createUsageMeter, type UsageMeter } from './process-usage';

/** The system under load: where to send, and (when the bench runs it) its sinks and processes. */
export interface Target {
  readonly gatewayUrl: string;
  readonly adminApiKey: string;
  /** Undefined against a system the bench did not start: its providers are not the bench's sinks. */
  readonly deliveries: LedgerSwitch | undefined;
  readonly usage: UsageMeter | undefined;
  readonly logDir: string | undefined;
  close(): Promise<void>;
}

const FCM_PROJECT = 'herald-bench';
const INTERNAL_TOKEN = 'herald-bench-internal-token';

export function remoteTarget(gatewayUrl: string, adminApiKey: string): Target {
  return {
    gatewayUrl,
    adminApiKey,
    deliveries: undefined,
    usage: undefined,
    logDir: undefined,
    close: async () => undefined,
  };
}

/**
 * What every local scenario shares: one isolation (database names, AMQP and Redis prefixes) and
 * the loopback SMTP and FCM sinks that count each delivery into the current scenario's ledger.
 * Herald and the floor send to the same sinks, so both are counted the same way.
 */
export interface Sinks {
  readonly environment: TestEnvironment;
  readonly deliveries: LedgerSwitch;
  readonly smtpPort: number;
  readonly smtpUrl: string;
  readonly fcmPort: number;
  /** Closes the sinks and removes the run's databases, queues and keys. */
  close(): Promise<void>;
}

export async function startSinks(): Promise<Sinks> {
  const environment = createTestEnvironment();
  const deliveries = createLedgerSwitch();
  const smtp = await startSmtpSink(deliveries.ledger);
  const fcm = await startFakeFcm(FCM_PROJECT, deliveries.ledger);
  return {
    environment,
    deliveries,
    smtpPort: smtp.port,
    smtpUrl: smtp.url,
    fcmPort: fcm.port,
    close: async () => {
      await Promise.all([smtp.close(), fcm.close()]);
      await environment.cleanup();
    },
  };
}

/**
 * Starts the six built services on the sinks' isolated database, AMQP prefix and Redis prefix,
 * with the SMTP and FCM providers pointed at the sinks.
 */
export async function localTarget(
  sinks: Sinks,
  options: { runId: string; profileDir?: string },
): Promise<Target> {
  const { environment } = sinks;
  const logDir = join(REPO_ROOT, 'var', 'bench-logs', options.runId);
  const system = await startWithRetries(() =>
    startHeraldSystem({
      env: {
        NODE_ENV: 'development',
        LOG_LEVEL: 'info',
        ...environment.serviceEnv,
        INTERNAL_TOKEN,
        SMTP_URL: sinks.smtpUrl,
        FCM_EMULATOR_HOST: `127.0.0.1:${sinks.fcmPort}`,
        FCM_PROJECT_ID: FCM_PROJECT,
        // 1,000 subscribers share the admin key; the default allows 20 per credential.
        SUBSCRIPTION_CONNECTIONS_PER_CREDENTIAL: '2000',
      },
      databaseUrl: (service) => environment.databaseUrl(service),
      logDir,
      serviceEnv: options.profileDir ? profilingEnv(options.profileDir) : undefined,
    }),
  );
  return {
    gatewayUrl: system.gatewayUrl,
    adminApiKey: system.adminApiKey,
    deliveries: sinks.deliveries,
    usage: createUsageMeter(() => ({
      ...Object.fromEntries(SERVICE_NAMES.map((name) => [name, system.pid(name)])),
      bench: process.pid,
    })),
    logDir,
    close: () => system.stop(),
  };
}

/** Startup attempts: on a busy machine a service can miss the 30 s health deadline. */
const START_ATTEMPTS = 3;

async function startWithRetries<T>(start: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await start();
    } catch (error) {
      if (attempt >= START_ATTEMPTS) throw error;
      process.stdout.write(`the system did not start (${(error as Error).message}); trying again\n`);
    }
  }
}

/**
 * Every service writes a V8 CPU profile into its own folder when it exits. Node refuses
 * --cpu-prof in NODE_OPTIONS, so a preloaded hook drives the profiler instead.
 */
function profilingEnv(profileDir: string): Partial<Record<ServiceName, Record<string, string>>> {
  const hook = join(__dirname, 'cpu-profile-hook.js');
  return Object.fromEntries(
    SERVICE_NAMES.map((name) => {
      const dir = join(profileDir, name);
      mkdirSync(dir, { recursive: true });
      return [name, { NODE_OPTIONS: `--require ${hook}`, HERALD_CPU_PROFILE_DIR: dir }];
    }),
  );
}
