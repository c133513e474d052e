import { createWorkerApp } from '@herald/delivery';
import type { Logger } from '@herald/logging';
import type { ServiceApp } from '@herald/observability';
import type { EmailWorkerConfig } from './config';
import { createEmailChannel } from './email.channel';
import { createEmailProvider, describeEmailProvider } from './providers/create-email-provider';

export const SERVICE = 'email-worker';

/** The bare address of "Name <address>" or of a bare address. */
function addressOf(mailbox: string): string {
  return /<([^>]+)>/.exec(mailbox)?.[1] ?? mailbox.trim();
}

export async function createApp(config: EmailWorkerConfig, log: Logger): Promise<ServiceApp> {
  log.info(describeEmailProvider(config), 'email provider');
  return createWorkerApp({
    service: SERVICE,
    config,
    createChannel: () =>
      createEmailChannel(createEmailProvider(config), {
        replyTo: config.MAIL_REPLY_TO,
        criticalCategories: config.CRITICAL_CATEGORIES,
        listUnsubscribe: config.LIST_UNSUBSCRIBE ?? [
          `mailto:${addressOf(config.MAIL_FROM)}?subject=unsubscribe%20{category}`,
        ],
      }),
    log,
  });
}
