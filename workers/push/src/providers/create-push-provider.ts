import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ServiceAccount } from 'firebase-admin/app';
import webpush from 'web-push';
import { z } from 'zod';
import { ConfigError } from '@herald/config';
import type { PushTokenRegistry } from '@herald/worker-runtime';
import type { Logger } from '@herald/logging';
import type { PushWorkerConfig } from '../config';
import { createFcmSender } from './fcm.provider';
import { createFileOutboxProvider } from './file-outbox.provider';
import { createLiveProvider } from './live.provider';
import type { PushProvider } from './push-provider';
import { createWebPushSender, type VapidKeys } from './web-push.provider';

/** FCM and Web Push when FCM_CREDENTIALS or FCM_EMULATOR_HOST is set, else JSON files under PUSH_OUTBOX_DIR. */
export function createPushProvider(
  config: PushWorkerConfig,
  pushTokens: PushTokenRegistry,
  log: Logger,
): PushProvider {
  if (!config.FCM_CREDENTIALS && !config.FCM_EMULATOR_HOST) {
    const dir = resolve(config.PUSH_OUTBOX_DIR);
    log.info({ provider: 'file-outbox', dir }, 'push provider');
    return createFileOutboxProvider(dir);
  }
  const vapid = vapidKeys(config, log);
  log.info(
    {
      provider: 'fcm+web-push',
      fcm: config.FCM_EMULATOR_HOST ? `emulator ${config.FCM_EMULATOR_HOST}` : 'google',
      project: config.FCM_PROJECT_ID,
      vapid_public_key: vapid.publicKey,
    },
    'push provider',
  );
  return createLiveProvider(
    {
      fcm: createFcmSender({
        projectId: config.FCM_PROJECT_ID,
        serviceAccount: config.FCM_CREDENTIALS
          ? parseServiceAccount(readConfiguredFile('FCM_CREDENTIALS', config.FCM_CREDENTIALS))
          : undefined,
        emulatorHost: config.FCM_EMULATOR_HOST,
      }),
      webPush: createWebPushSender({
        vapid,
        extraCa: config.WEB_PUSH_CA_FILE
          ? readConfiguredFile('WEB_PUSH_CA_FILE', config.WEB_PUSH_CA_FILE)
          : undefined,
        allowInsecureEndpoints: config.ALLOW_INSECURE_PUSH_ENDPOINTS,
      }),
    },
    pushTokens,
    log,
  );
}

/** Configured keys, or (outside production, which config refuses) keys made for this process. */
function vapidKeys(config: PushWorkerConfig, log: Logger): VapidKeys {
  if (config.VAPID_PUBLIC_KEY && config.VAPID_PRIVATE_KEY)
    return {
      subject: config.VAPID_SUBJECT,
      publicKey: config.VAPID_PUBLIC_KEY,
      privateKey: config.VAPID_PRIVATE_KEY,
    };
  log.warn('VAPID keys unset: generated keys for this process; subscriptions made with them die with it');
  return { subject: config.VAPID_SUBJECT, ...webpush.generateVAPIDKeys() };
}

/** A file named by a variable; one that cannot be read fails start-up naming the variable. */
function readConfiguredFile(variable: string, path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(
      variable,
      `names a file that cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
}

function parseServiceAccount(json: string): ServiceAccount {
  const parsed = serviceAccountSchema.safeParse(safeJson(json));
  if (!parsed.success) throw new ConfigError('FCM_CREDENTIALS', 'is not a service-account JSON file');
  return {
    projectId: parsed.data.project_id,
    clientEmail: parsed.data.client_email,
    privateKey: parsed.data.private_key,
  };
}

const serviceAccountSchema = z.object({
  project_id: z.string().min(1),
  client_email: z.string().min(1),
  private_key: z.string().min(1),
});

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
