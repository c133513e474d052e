import { createWorkerApp } from '@herald/delivery';
import type { Logger } from '@herald/logging';
import type { ServiceApp } from '@herald/observability';
import type { EmailWorkerConfig } from './config';
import { createEmailChannel } from './email.channel';
import { createEmailProvider, describeEmailProvider } from './providers/create-email-provider';

export const SERVICE = 'email-worker';

export async function createApp(config: EmailWorkerConfig, log: Logger): Promise<ServiceApp> {
  log.info(describeEmailProvider(config), 'email provider');
  const channel = createEmailChannel(createEmailProvider(config));
  return createWorkerApp({ service: SERVICE, config, channel, log });
}
