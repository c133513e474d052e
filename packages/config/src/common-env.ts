import { z } from 'zod';
import { envBoolean, envHostPortList, envUrl, envUrlList, type HostPort } from './env-schemas';

/** An empty value counts as unset, as the OpenTelemetry specification says for its variables. */
export const unsetWhenEmpty = (value: unknown) => (value === '' ? undefined : value);

/**
 * Dev defaults of the shared secrets: fine on a laptop, refused when NODE_ENV=production. A
 * service's own secret is refused by its devSecretRule (production-rules.ts).
 */
export const DEV_SECRETS: Readonly<Record<string, string>> = {
  INTERNAL_TOKEN: 'herald-dev-internal-token',
  UNSUBSCRIBE_SECRET: 'herald-dev-unsubscribe-secret-not-for-production',
};

/** Variables every service reads (docs/architecture.md, Environment); services extend this shape. */
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

/**
 * AMQP_URL lists the nodes of a cluster, comma-separated; connections move to the next one when
 * theirs is lost. AMQP_QUEUE_TYPE=quorum declares the work, retry and failed queues replicated
 * (decision 0025); a queue that exists with the other type stops the start-up.
 */
export const amqpEnv = {
  AMQP_URL: envUrlList(['amqp:', 'amqps:']).default(['amqp://guest:guest@127.0.0.1:5672']),
  AMQP_PREFIX: z.string().default(''),
  AMQP_QUEUE_TYPE: z.enum(['classic', 'quorum']).default('classic'),
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

/**
 * Redis only caches and fans out (docs/architecture.md, Databases); REDIS_PREFIX isolates a run's
 * keys and channels. REDIS_SENTINELS with REDIS_SENTINEL_NAME select Sentinel mode (decision
 * 0026): the sentinels name the primary, and REDIS_URL then only gives its credentials, database
 * and TLS (rediss:).
 * A schema spreading these also calls `.superRefine(requireSentinelPair)`.
 */
export const redisEnv = {
  REDIS_URL: envUrl(['redis:', 'rediss:']).default('redis://127.0.0.1:6379'),
  REDIS_PREFIX: z.string().default(''),
  REDIS_SENTINELS: z.preprocess(unsetWhenEmpty, envHostPortList().optional()),
  REDIS_SENTINEL_NAME: z.preprocess(unsetWhenEmpty, z.string().trim().min(1).optional()),
};

/** The parsed Redis variables, as a service config holds them. */
export interface RedisEnv {
  readonly REDIS_URL: string;
  readonly REDIS_PREFIX: string;
  readonly REDIS_SENTINELS?: readonly HostPort[] | undefined;
  readonly REDIS_SENTINEL_NAME?: string | undefined;
}

/** Sentinel mode needs both variables: one alone is a mistake, not a choice, so start-up stops on it. */
export function requireSentinelPair(
  env: Pick<RedisEnv, 'REDIS_SENTINELS' | 'REDIS_SENTINEL_NAME'>,
  context: z.RefinementCtx,
): void {
  const missing =
    env.REDIS_SENTINELS && !env.REDIS_SENTINEL_NAME
      ? 'REDIS_SENTINEL_NAME'
      : env.REDIS_SENTINEL_NAME && !env.REDIS_SENTINELS
        ? 'REDIS_SENTINELS'
        : undefined;
  if (missing) {
    context.addIssue({
      code: 'custom',
      path: [missing],
      message: 'must be set as well: Sentinel mode takes REDIS_SENTINELS and REDIS_SENTINEL_NAME together',
    });
  }
}

/** The Redis slice of a parsed config, as connectRedis takes it. */
export interface RedisSettings {
  /** The server; in Sentinel mode only its credentials, database and protocol (rediss: is TLS) count. */
  readonly url: string;
  readonly prefix: string;
  readonly sentinel?: {
    readonly addresses: readonly HostPort[];
    /** The name the sentinels monitor the primary under. */
    readonly name: string;
  };
}

export function redisSettingsOf(env: RedisEnv): RedisSettings {
  const { REDIS_URL: url, REDIS_PREFIX: prefix, REDIS_SENTINELS: addresses, REDIS_SENTINEL_NAME: name } = env;
  return addresses && name ? { url, prefix, sentinel: { addresses, name } } : { url, prefix };
}

/**
 * How long a process uses a user or template it looked up over gRPC. A change is announced over
 * Redis at once; this bounds staleness only when the announcement is missed (Redis down). 0: no cache.
 */
export const lookupCacheEnv = {
  LOOKUP_CACHE_MS: z.coerce.number().int().min(0).max(300_000).default(30_000),
};

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
