import { z } from 'zod';
import { envUrl } from './env-schemas';

/** Variables every service reads (ARCHITECTURE.md §8); services extend this shape. */
/** Dev defaults of secrets: fine on a laptop, refused when NODE_ENV=production. */
export const DEV_SECRETS: Readonly<Record<string, string>> = {
  INTERNAL_TOKEN: 'herald-dev-internal-token',
};

export const commonEnv = {
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  INTERNAL_TOKEN: z
    .string()
    .min(8)
    .default(DEV_SECRETS.INTERNAL_TOKEN as string),
  GRPC_DEADLINE_MS: z.coerce.number().int().positive().default(5000),
};

export const databaseEnv = {
  DATABASE_URL: envUrl(['postgres:', 'postgresql:']).default('postgres://postgres@127.0.0.1:5432'),
};

export const amqpEnv = {
  AMQP_URL: envUrl(['amqp:', 'amqps:']).default('amqp://guest:guest@127.0.0.1:5672'),
  AMQP_PREFIX: z.string().default(''),
};

export type CommonConfig = z.output<z.ZodObject<typeof commonEnv>>;

/**
 * DATABASE_URL is a server base; each service appends its own database name
 * unless the URL already names one.
 */
export function databaseUrlFor(baseUrl: string, database: string): string {
  const url = new URL(baseUrl);
  if (url.pathname === '' || url.pathname === '/') url.pathname = `/${database}`;
  return url.toString();
}
