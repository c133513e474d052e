import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createTestEnvironment,
  startHeraldSystem,
  startOtlpSink,
  startSmtpSink,
  REPO_ROOT,
} from '@herald/testkit';
import { ensureConsoleBuilt } from './console-build';
import { STATE_ENV, type SystemState } from './system-state';

const INTERNAL_TOKEN = 'e2e-internal-token';
/** Known to the tests, so the attack suite can sign an expired but otherwise genuine token. */
const JWT_SECRET = 'e2e-jwt-secret-at-least-32-characters-long';

/** Starts the whole system once for every e2e test: six real processes, an SMTP sink and an OTLP sink. */
export default async function globalSetup(): Promise<void> {
  // The gateway serves console/dist at /console: the browser tests need it current.
  ensureConsoleBuilt(REPO_ROOT);
  const environment = createTestEnvironment();
  const sink = await startSmtpSink();
  const traces = await startOtlpSink();
  const logDir = join(REPO_ROOT, 'var', 'e2e-logs', environment.runId);
  const system = await startHeraldSystem({
    env: {
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      ...environment.serviceEnv,
      INTERNAL_TOKEN,
      JWT_SECRET,
      SMTP_URL: sink.url,
      // Every mail's envelope sender is a signed address at this domain, which the email
      // worker's bounce listener (BOUNCE_SMTP_PORT, set by startHeraldSystem) answers for.
      BOUNCE_DOMAIN: 'bounces.herald.test',
      OUTBOX_POLL_MS: '200',
      OTEL_EXPORTER_OTLP_ENDPOINT: traces.endpoint,
      // Spans reach the sink within moments instead of the default five seconds.
      OTEL_BSP_SCHEDULE_DELAY: '200',
    },
    databaseUrl: (service) => environment.databaseUrl(service),
    logDir,
    // Six processes creating databases and loading at once take far longer on a shared, loaded machine.
    startTimeoutMs: 90_000,
  }).catch(async (error: unknown) => {
    await sink.close();
    await traces.close();
    await environment.cleanup();
    throw error;
  });
  const state: SystemState = {
    gatewayUrl: system.gatewayUrl,
    adminApiKey: system.adminApiKey,
    smtpInspectUrl: sink.inspectUrl,
    otlpInspectUrl: traces.inspectUrl,
    ports: { ...system.ports },
    internalToken: INTERNAL_TOKEN,
    amqpPrefix: environment.amqpPrefix,
    jwtSecret: JWT_SECRET,
    logDir,
  };
  const statePath = join(mkdtempSync(join(tmpdir(), 'herald-e2e-')), 'state.json');
  writeFileSync(statePath, JSON.stringify(state));
  process.env[STATE_ENV] = statePath;
  Object.assign(globalThis, { heraldE2e: { system, sink, traces, environment } });
}
