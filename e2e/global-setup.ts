import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestEnvironment, startHeraldSystem, startSmtpSink, REPO_ROOT } from '@herald/testkit';
import { STATE_ENV, type SystemState } from './system-state';

const INTERNAL_TOKEN = 'e2e-internal-token';

/** Starts the whole system once for every e2e test: six real processes and an SMTP sink. */
export default async function globalSetup(): Promise<void> {
  const environment = createTestEnvironment();
  const sink = await startSmtpSink();
  const logDir = join(REPO_ROOT, 'var', 'e2e-logs', environment.runId);
  const system = await startHeraldSystem({
    env: {
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      AMQP_URL: environment.amqpUrl,
      AMQP_PREFIX: environment.amqpPrefix,
      REDIS_URL: environment.redisUrl,
      REDIS_PREFIX: environment.redisPrefix,
      INTERNAL_TOKEN,
      SMTP_URL: sink.url,
      OUTBOX_POLL_MS: '200',
    },
    databaseUrl: (service) => environment.databaseUrl(service),
    logDir,
  }).catch(async (error: unknown) => {
    await sink.close();
    await environment.cleanup();
    throw error;
  });
  const state: SystemState = {
    gatewayUrl: system.gatewayUrl,
    adminApiKey: system.adminApiKey,
    smtpInspectUrl: sink.inspectUrl,
    ports: { ...system.ports },
    internalToken: INTERNAL_TOKEN,
    logDir,
  };
  const statePath = join(mkdtempSync(join(tmpdir(), 'herald-e2e-')), 'state.json');
  writeFileSync(statePath, JSON.stringify(state));
  process.env[STATE_ENV] = statePath;
  Object.assign(globalThis, { heraldE2e: { system, sink, environment } });
}
