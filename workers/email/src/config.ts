import { z } from 'zod';
import {
  amqpEnv,
  commonEnv,
  devSecretRule,
  envPort,
  envUrl,
  loadConfig,
  requireSentinelPair,
  unsubscribeEnv,
  unsetWhenEmpty,
} from '@herald/config';
import { workerEnv } from '@herald/worker-runtime';

/** Signs return paths on a developer machine; refused when NODE_ENV=production. */
export const DEV_BOUNCE_SECRET = 'herald-dev-bounce-secret';

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

export const emailWorkerEnv = z
  .object({
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
    /** Where replies go; unset: to MAIL_FROM. */
    MAIL_REPLY_TO: z
      .string()
      .trim()
      .regex(/[^\s@<]+@[^\s@>]+/, 'must contain an email address')
      .optional(),
    /** Comma-separated categories whose mail has no List-Unsubscribe header. */
    CRITICAL_CATEGORIES: z
      .string()
      .default('security,transactional')
      .transform((value) => new Set(list(value))),
    ...unsubscribeEnv,
    /**
     * The gateway's public address, where one-click unsubscribe links point
     * (`<PUBLIC_URL>/unsubscribe/<token>`); https in production, as RFC 8058 requires.
     */
    PUBLIC_URL: envUrl(['http:', 'https:']).default('http://127.0.0.1:8000'),
    /** Pooled connections per SMTP server: each carries one message at a time (0014). */
    SMTP_MAX_CONNECTIONS: z.coerce.number().int().min(1).max(100).default(20),
    OUTBOX_DIR: z.string().min(1).default('var/outbox'),
    /** The domain of every mail's envelope sender (VERP); unset: MAIL_FROM's domain. Its MX is the bounce listener. */
    BOUNCE_DOMAIN: z.preprocess(
      unsetWhenEmpty,
      z
        .string()
        .trim()
        .toLowerCase()
        .regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/, 'must be a domain name')
        .optional(),
    ),
    /** Signs the return paths, so a forged bounce cannot name a notification; refused at its default in production. */
    BOUNCE_SECRET: z.string().min(16, 'must be at least 16 characters').default(DEV_BOUNCE_SECRET),
    /** The bounce and complaint listener's SMTP port (0: a free one, as tests use); unset or empty: no listener. */
    BOUNCE_SMTP_PORT: z.preprocess(unsetWhenEmpty, z.coerce.number().int().min(0).max(65535).optional()),
    /** The largest report the listener takes (the returned original included), in bytes. */
    BOUNCE_MAX_BYTES: z.coerce.number().int().min(10_000).max(50_000_000).default(2_000_000),
  })
  .superRefine(requireSentinelPair);

function list(value: string): string[] {
  return value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}

export type EmailWorkerConfig = Readonly<z.output<typeof emailWorkerEnv>>;

export function loadEmailWorkerConfig(env: Record<string, string | undefined>): EmailWorkerConfig {
  return loadConfig(emailWorkerEnv, env, [
    devSecretRule('BOUNCE_SECRET', DEV_BOUNCE_SECRET),
    {
      variable: 'PUBLIC_URL',
      refuses: (config) => new URL(config.PUBLIC_URL).protocol !== 'https:',
      reason: 'must be an https URL when NODE_ENV=production (RFC 8058)',
    },
  ]);
}

/** Where bounces go: BOUNCE_DOMAIN, else the domain of MAIL_FROM's address. */
export function bounceDomainOf(config: Pick<EmailWorkerConfig, 'BOUNCE_DOMAIN' | 'MAIL_FROM'>): string {
  return (
    config.BOUNCE_DOMAIN ?? (/@([^\s@>]+)>?\s*$/.exec(config.MAIL_FROM)?.[1] ?? 'herald.local').toLowerCase()
  );
}
