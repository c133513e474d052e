import { z } from 'zod';
import { amqpEnv, commonEnv, envPort, envUrl, loadConfig } from '@herald/config';
import { workerEnv } from '@herald/delivery';

const smtpUrl = envUrl(['smtp:', 'smtps:']);

/** One URL or a comma-separated list in failover order; unset or empty writes .eml files instead. */
const smtpUrls = z
  .string()
  .optional()
  .transform((value, context) => {
    const urls = (value ?? '')
      .split(',')
      .map((part) => part.trim())
      .filter((part) => part.length > 0);
    urls.forEach((url, index) => {
      // The value is not echoed: SMTP URLs carry credentials.
      if (!smtpUrl.safeParse(url).success) {
        context.addIssue({
          code: 'custom',
          message: `entry ${index + 1} must be a URL with protocol smtp or smtps`,
        });
      }
    });
    return urls;
  });

export const emailWorkerEnv = z.object({
  ...commonEnv,
  ...amqpEnv,
  ...workerEnv,
  PORT: envPort(8003),
  SMTP_URL: smtpUrls,
  MAIL_FROM: z
    .string()
    .trim()
    .regex(/[^\s@<]+@[^\s@>]+/, 'must contain an email address')
    .default('Herald <no-reply@herald.local>'),
  OUTBOX_DIR: z.string().min(1).default('var/outbox'),
});

export type EmailWorkerConfig = z.output<typeof emailWorkerEnv>;

export function loadEmailWorkerConfig(env: Record<string, string | undefined>): EmailWorkerConfig {
  return loadConfig(emailWorkerEnv, env);
}
