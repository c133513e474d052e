import { createLogger } from '@herald/logging';
import type { BoundPorts, ServiceApp } from '@herald/lifecycle';
import type { TestEnvironment } from '@herald/testkit';
import { createApp } from '../src/app';
import { loadTemplatesConfig } from '../src/config';

export const INTERNAL_TOKEN = 'templates-component-test-token';

export interface RunningTemplates {
  readonly app: ServiceApp;
  readonly ports: BoundPorts;
}

/**
 * Starts the templates subgraph on free ports, on the environment's database `database` and its
 * Redis; `env` adds or replaces settings.
 */
export async function startTemplates(
  environment: TestEnvironment,
  database: string,
  env: Record<string, string> = {},
): Promise<RunningTemplates> {
  const config = loadTemplatesConfig({
    DATABASE_URL: environment.databaseUrl(database),
    REDIS_URL: environment.redisUrl,
    REDIS_PREFIX: environment.redisPrefix,
    PORT: '0',
    GRPC_PORT: '0',
    INTERNAL_TOKEN,
    LOG_LEVEL: 'silent',
    ...env,
  });
  const app = await createApp(config, createLogger({ service: 'templates-test', level: 'silent' }));
  try {
    return { app, ports: await app.start() };
  } catch (error) {
    await app.stop();
    throw error;
  }
}
