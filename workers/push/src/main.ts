import { createLogger } from '@herald/logging';
import { startTracing } from '@herald/observability';
import { runService } from '@herald/lifecycle';
import { createApp, SERVICE } from './app';
import { loadPushWorkerConfig } from './config';

const log = createLogger({ service: SERVICE, level: process.env.LOG_LEVEL });
void runService(log, async () => createApp(loadPushWorkerConfig(process.env), log), {
  tracing: () => startTracing(SERVICE, process.env),
});
