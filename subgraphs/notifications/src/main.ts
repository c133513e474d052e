import { createLogger } from '@herald/logging';
import { startTracing } from '@herald/observability';
import { runService } from '@herald/lifecycle';
import { createApp } from './app';
import { loadNotificationsConfig } from './config';

const log = createLogger({ service: 'notifications', level: process.env.LOG_LEVEL });
void runService(log, async () => createApp(loadNotificationsConfig(process.env), log), {
  tracing: () => startTracing('notifications', process.env),
});
