import { createUnsubscribeTokenCodec } from '@herald/contracts';
import { createWorkerApp } from '@herald/delivery';
import type { Logger } from '@herald/logging';
import type { ServiceApp } from '@herald/observability';
import type { EmailWorkerConfig } from './config';
import { createEmailChannel } from './email.channel';
import { createEmailProvider, describeEmailProvider } from './providers/create-email-provider';

export const SERVICE = 'email-worker';

export async function createApp(config: EmailWorkerConfig, log: Logger): Promise<ServiceApp> {
  log.info(describeEmailProvider(config), 'email provider');
  const unsubscribeTokens = createUnsubscribeTokenCodec(config.UNSUBSCRIBE_SECRET);
  // PUBLIC_URL may carry a path prefix (a gateway behind a proxy): links go below it.
  const unsubscribeBase = `${config.PUBLIC_URL.replace(/\/+$/, '')}/unsubscribe/`;
  return createWorkerApp({
    service: SERVICE,
    config,
    createChannel: () =>
      createEmailChannel(createEmailProvider(config), {
        replyTo: config.MAIL_REPLY_TO,
        criticalCategories: config.CRITICAL_CATEGORIES,
        unsubscribeUrl: (userId, category) => unsubscribeBase + unsubscribeTokens.mint({ userId, category }),
      }),
    log,
  });
}
