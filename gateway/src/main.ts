import { createLogger } from '@herald/logging';
import { startTracing } from '@herald/observability';
import { runService } from '@herald/lifecycle';
import { createApp } from './app';
import { loadGatewayConfig } from './config';

const log = createLogger({ service: 'gateway', level: process.env.LOG_LEVEL });
void runService(log, async () => createApp(loadGatewayConfig(process.env), log), {
  tracing: () => startTracing('gateway', process.env),
});
