import { createLogger } from '@herald/logging';
import { startTracing } from '@herald/observability';
import { runService } from '@herald/lifecycle';
import { createApp } from './app';
import { loadUsersConfig } from './config';

const log = createLogger({ service: 'users', level: process.env.LOG_LEVEL });
void runService(log, async () => createApp(loadUsersConfig(process.env), log), {
  tracing: () => startTracing('users', process.env),
});
