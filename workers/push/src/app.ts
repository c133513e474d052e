import { createWorkerApp } from '@herald/worker-runtime';
import type { Logger } from '@herald/logging';
import type { ServiceApp } from '@herald/lifecycle';
import type { PushWorkerConfig } from './config';
import { createPushProvider } from './providers/create-push-provider';
import { createPushChannel } from './push.channel';

export const SERVICE = 'push-worker';

export function createApp(config: PushWorkerConfig, log: Logger): Promise<ServiceApp> {
  return createWorkerApp({
    service: SERVICE,
    config,
    createChannel: ({ pushTokens }) => createPushChannel(createPushProvider(config, pushTokens, log)),
    log,
  });
}
