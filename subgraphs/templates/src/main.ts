import { createLogger } from '@herald/logging';
import { startTracing } from '@herald/observability';
import { runService } from '@herald/lifecycle';
import { createApp } from './app';
import { loadTemplatesConfig } from './config';

const log = createLogger({ service: 'templates', level: process.env.LOG_LEVEL });
void runService(log, async () => createApp(loadTemplatesConfig(process.env), log), {
  tracing: () => startTracing('templates', process.env),
});
