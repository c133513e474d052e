import { createUnsubscribeTokenCodec } from '@herald/contracts';
import { createWorkerApp, type WorkerIntakeServices } from '@herald/worker-runtime';
import type { Logger } from '@herald/logging';
import type { ServiceApp } from '@herald/lifecycle';
import { createBounceListener } from './bounces/bounce-listener';
import { createBounceListenerMetrics } from './bounces/bounce-listener-metrics';
import { makeReceiveFeedback } from './bounces/receive-feedback';
import { bounceDomainOf, type EmailWorkerConfig } from './config';
import { createReturnPathSigner, type ReturnPathSigner } from './domain/return-path';
import { createEmailChannel } from './email.channel';
import { createEmailProvider, describeEmailProvider } from './providers/create-email-provider';

export const SERVICE = 'email-worker';

export async function createApp(config: EmailWorkerConfig, log: Logger): Promise<ServiceApp> {
  log.info(describeEmailProvider(config), 'email provider');
  const bounceDomain = bounceDomainOf(config);
  const returnPaths = createReturnPathSigner(config.BOUNCE_SECRET, bounceDomain);
  const listenerPort = config.BOUNCE_SMTP_PORT;
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
        returnPaths,
      }),
    // Decision 0028: the listener lives in the worker, which holds the signing secret and the
    // status path already.
    ...(listenerPort === undefined
      ? {}
      : {
          createIntake: (services: WorkerIntakeServices) =>
            createBounceIntake(services, { port: listenerPort, bounceDomain, returnPaths, config, log }),
        }),
    log,
  });
}

function createBounceIntake(
  { feedback, registry }: WorkerIntakeServices,
  options: {
    port: number;
    bounceDomain: string;
    returnPaths: ReturnPathSigner;
    config: EmailWorkerConfig;
    log: Logger;
  },
) {
  return createBounceListener({
    port: options.port,
    bounceDomain: options.bounceDomain,
    maxBytes: options.config.BOUNCE_MAX_BYTES,
    signer: options.returnPaths,
    receive: makeReceiveFeedback({ signer: options.returnPaths, feedback, now: () => new Date() }),
    metrics: createBounceListenerMetrics(registry),
    log: options.log.child({ component: 'bounce-listener' }),
  });
}
