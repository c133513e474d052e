import { z } from 'zod';
import {
  amqpEnv,
  commonEnv,
  ConfigError,
  envBoolean,
  envPort,
  loadConfig,
  requireSentinelPair,
  testOnlySwitchRule,
} from '@herald/config';
import { workerEnv } from '@herald/worker-runtime';

const hostPort = z.string().regex(/^(\[[0-9a-fA-F:]+\]|[^\s:/]+):\d{1,5}$/, 'must be host:port');

export const pushWorkerEnv = z
  .object({
    ...commonEnv,
    ...amqpEnv,
    ...workerEnv,
    PORT: envPort(8004),
    /** Where the dev provider writes one JSON file per notification (when FCM is not configured). */
    PUSH_OUTBOX_DIR: z.string().min(1).default('var/push'),
    /** A Firebase service-account JSON file; setting it (or FCM_EMULATOR_HOST) sends for real. */
    FCM_CREDENTIALS: z.string().min(1).optional(),
    /** host:port of a plain-HTTP FCM HTTP v1 peer, used instead of Google with a static token. */
    FCM_EMULATOR_HOST: hostPort.optional(),
    FCM_PROJECT_ID: z.string().min(1).default('herald-dev'),
    /** VAPID keys (URL-safe base64) for Web Push; generated per process outside production. */
    VAPID_PUBLIC_KEY: z.string().min(1).optional(),
    VAPID_PRIVATE_KEY: z.string().min(1).optional(),
    VAPID_SUBJECT: z
      .string()
      .regex(/^(mailto:|https:\/\/)/, 'must be a mailto: or https: URL')
      .default('mailto:no-reply@herald.local'),
    /** A PEM file of extra CAs trusted for Web Push endpoints (tests, private push services). */
    WEB_PUSH_CA_FILE: z.string().min(1).optional(),
    /** Tests only, refused in production: Web Push endpoints on http or private addresses (as users allows them). */
    ALLOW_INSECURE_PUSH_ENDPOINTS: envBoolean(false),
  })
  .superRefine(requireSentinelPair);

export type PushWorkerConfig = Readonly<z.output<typeof pushWorkerEnv>>;

export function loadPushWorkerConfig(env: Record<string, string | undefined>): PushWorkerConfig {
  const config = loadConfig(pushWorkerEnv, env, [
    testOnlySwitchRule('ALLOW_INSECURE_PUSH_ENDPOINTS'),
    {
      variable: 'VAPID_PUBLIC_KEY',
      refuses: (config) =>
        Boolean(config.FCM_CREDENTIALS ?? config.FCM_EMULATOR_HOST) && !config.VAPID_PUBLIC_KEY,
      reason: 'is required in production',
    },
  ]);
  if (Boolean(config.VAPID_PUBLIC_KEY) !== Boolean(config.VAPID_PRIVATE_KEY))
    throw new ConfigError('VAPID_PRIVATE_KEY', 'must be set together with VAPID_PUBLIC_KEY');
  return config;
}
