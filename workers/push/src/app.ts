import { resolve } from 'node:path';
import { createWorkerApp } from '@herald/delivery';
import type { Logger } from '@herald/logging';
import type { ServiceApp } from '@herald/observability';
import type { PushWorkerConfig } from './config';
import { createFileOutboxProvider } from './providers/file-outbox.provider';
import { createPushChannel } from './push.channel';

export const SERVICE = 'push-worker';

export async function createApp(config: PushWorkerConfig, log: Logger): Promise<ServiceApp> {
  const outboxDir = resolve(config.PUSH_OUTBOX_DIR);
  log.info({ provider: 'file-outbox', dir: outboxDir }, 'push provider');
  return createWorkerApp({
    service: SERVICE,
    config,
    channel: createPushChannel(createFileOutboxProvider(outboxDir)),
    log,
  });
}
