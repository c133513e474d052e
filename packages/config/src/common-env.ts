import { z } from 'zod';
import { envBoolean, envUrl } from './env-schemas';

/** Variables every service reads (ARCHITECTURE.md §8); services extend this shape. */
/** Dev defaults of secrets: fine on a laptop, refused when NODE_ENV=production. */
export const DEV_SECRETS: Readonly<Record<string, string>> = {
  INTERNAL_TOKEN: 'herald-dev-internal-token',
  UNSUBSCRIBE_SECRET: 'herald-dev-unsubscribe-secret-not-for-production',
  /** The email worker's key for signing return paths (VERP), decision 0028. */
  BOUNCE_SECRET: 'herald-dev-bounce-secret',
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

/**
 * The key of one-click unsubscribe tokens: the email worker mints them, the gateway reads them,
 * so both need the same value.
 */
export const unsubscribeEnv = {
  UNSUBSCRIBE_SECRET: z
    .string()
    .min(32, 'must be at least 32 characters')
    .default(DEV_SECRETS.UNSUBSCRIBE_SECRET as string),
};

/** Redis only caches and fans out (ARCHITECTURE §3); REDIS_PREFIX isolates a run's keys and channels. */
export const redisEnv = {
  REDIS_URL: envUrl(['redis:', 'rediss:']).default('redis://127.0.0.1:6379'),
  REDIS_PREFIX: z.string().default(''),
};

/**
 * How long a process uses a user or template it looked up over gRPC. A change is announced over
 * Redis at once; this bounds staleness only when the announcement is missed (Redis down). 0: no cache.
 */
export const lookupCacheEnv = {
  LOOKUP_CACHE_MS: z.coerce.number().int().min(0).max(300_000).default(30_000),
};

/** An empty value counts as unset, as the OpenTelemetry specification says. */
const unsetWhenEmpty = (value: unknown) => (value === '' ? undefined : value);

/**
 * The standard OpenTelemetry variables Herald reads itself; the SDK reads the others (OTEL_BSP_*,
 * OTEL_EXPORTER_OTLP_HEADERS, OTEL_TRACES_SAMPLER …) on its own.
 */
export const tracingEnv = {
  OTEL_EXPORTER_OTLP_ENDPOINT: z.preprocess(unsetWhenEmpty, envUrl(['http:', 'https:']).optional()),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: z.preprocess(unsetWhenEmpty, envUrl(['http:', 'https:']).optional()),
  OTEL_SERVICE_NAME: z.preprocess(unsetWhenEmpty, z.string().optional()),
  OTEL_SDK_DISABLED: envBoolean(false),
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
