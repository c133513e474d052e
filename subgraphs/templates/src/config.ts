import { z } from 'zod';
import {
  commonEnv,
  databaseEnv,
  databaseUrlFor,
  envPort,
  loadConfig,
  redisEnv,
  requireSentinelPair,
} from '@herald/config';

/** Keyed by variable name, as loadConfig expects (it checks NODE_ENV and the secrets by name). */
const templatesEnv = z
  .object({
    ...commonEnv,
    DATABASE_URL: databaseEnv.DATABASE_URL.transform((url) => databaseUrlFor(url, 'herald_templates')),
    PORT: envPort(8002),
    GRPC_PORT: envPort(50052),
    /** Compiled template versions kept in memory; versions are immutable, so entries never go stale. */
    TEMPLATE_CACHE_SIZE: z.coerce.number().int().min(1).max(100_000).default(500),
    /** Carries publish invalidations to every replica; the service runs on without it. */
    ...redisEnv,
    /**
     * How long a replica trusts its resolution of "the active version for (code, locale)": the
     * longest a publish can go unseen when Redis is down.
     */
    ACTIVE_VERSION_CACHE_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  })
  .superRefine(requireSentinelPair);

export type TemplatesConfig = Readonly<z.output<typeof templatesEnv>>;

export function loadTemplatesConfig(env: Record<string, string | undefined>): TemplatesConfig {
  return loadConfig(templatesEnv, env);
}
