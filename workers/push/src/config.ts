import { z } from 'zod';
import { amqpEnv, commonEnv, envPort, loadConfig } from '@herald/config';
import { workerEnv } from '@herald/delivery';

export const pushWorkerEnv = z.object({
  ...commonEnv,
  ...amqpEnv,
  ...workerEnv,
  PORT: envPort(8004),
  /** Where the dev provider writes one JSON file per notification. */
  PUSH_OUTBOX_DIR: z.string().min(1).default('var/push'),
});

export type PushWorkerConfig = z.output<typeof pushWorkerEnv>;

export function loadPushWorkerConfig(env: Record<string, string | undefined>): PushWorkerConfig {
  return loadConfig(pushWorkerEnv, env);
}
