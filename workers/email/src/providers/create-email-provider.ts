import { resolve } from 'node:path';
import type { EmailWorkerConfig } from '../config';
import type { EmailProvider } from './email-provider';
import { createFailoverProvider } from './failover.provider';
import { createFileOutboxProvider } from './file-outbox.provider';
import { createSmtpProvider } from './smtp.provider';

export type EmailProviderConfig = Pick<
  EmailWorkerConfig,
  'SMTP_URL' | 'MAIL_FROM' | 'OUTBOX_DIR' | 'SMTP_MAX_CONNECTIONS'
>;

/** SMTP when SMTP_URL names servers, else .eml files under OUTBOX_DIR. */
export function createEmailProvider(config: EmailProviderConfig): EmailProvider {
  if (config.SMTP_URL.length === 0)
    return createFileOutboxProvider(resolve(config.OUTBOX_DIR), config.MAIL_FROM);
  return createFailoverProvider(
    config.SMTP_URL.map((url) => createSmtpProvider(url, config.MAIL_FROM, config.SMTP_MAX_CONNECTIONS)),
  );
}

/** What the start-up log says about the provider, without the credentials SMTP URLs carry. */
export function describeEmailProvider(config: EmailProviderConfig): Record<string, unknown> {
  return config.SMTP_URL.length === 0
    ? { provider: 'file-outbox', dir: resolve(config.OUTBOX_DIR) }
    : { provider: 'smtp', servers: config.SMTP_URL.map((url) => new URL(url).host) };
}
