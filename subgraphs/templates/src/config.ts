import { z } from 'zod';
import { commonEnv, databaseEnv, databaseUrlFor, envPort, loadConfig } from '@herald/config';

/** Keyed by variable name, as loadConfig expects (it checks NODE_ENV and the secrets by name). */
const templatesEnv = z.object({
  ...commonEnv,
  DATABASE_URL: databaseEnv.DATABASE_URL.transform((url) => databaseUrlFor(url, 'herald_templates')),
  PORT: envPort(8002),
  GRPC_PORT: envPort(50052),
  /** Compiled template versions kept in memory; versions are immutable, so entries never go stale. */
  TEMPLATE_CACHE_SIZE: z.coerce.number().int().min(1).max(100_000).default(500),
});

export type TemplatesConfig = z.output<typeof templatesEnv>;

export function loadTemplatesConfig(env: Record<string, string | undefined>): TemplatesConfig {
  return loadConfig(templatesEnv, env);
}
