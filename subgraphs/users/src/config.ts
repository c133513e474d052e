import { z } from 'zod';
import {
  commonEnv,
  databaseEnv,
  databaseUrlFor,
  devSecretRule,
  envBoolean,
  envPort,
  loadConfig,
  redisEnv,
  requireSentinelPair,
  testOnlySwitchRule,
} from '@herald/config';

/** Signs login tokens on a developer machine; refused when NODE_ENV=production. */
export const DEV_JWT_SECRET = 'herald-dev-jwt-secret-not-for-production';

const usersEnv = z
  .object({
    ...commonEnv,
    DATABASE_URL: databaseEnv.DATABASE_URL.transform((url) => databaseUrlFor(url, 'herald_users')),
    PORT: envPort(8001),
    GRPC_PORT: envPort(50051),
    ...redisEnv,
    // HS256 wants at least as many key bytes as the hash has: 32.
    JWT_SECRET: z.string().min(32, 'must be at least 32 characters').default(DEV_JWT_SECRET),
    JWT_TTL_SECONDS: z.coerce.number().int().min(60).max(604_800).default(3600),
    /** How long a verified credential is trusted without a lookup: the delay before revocation reaches every replica. */
    CREDENTIAL_CACHE_SECONDS: z.coerce.number().int().min(1).max(300).default(30),
    USER_CACHE_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
    /** Soft bounces within the window that suppress an address (a hard bounce or a complaint does at once). */
    SUPPRESSION_SOFT_BOUNCE_LIMIT: z.coerce.number().int().min(1).max(1000).default(3),
    SUPPRESSION_SOFT_BOUNCE_WINDOW_SECONDS: z.coerce
      .number()
      .int()
      .min(60)
      .max(31_536_000)
      .default(7 * 24 * 3600),
    /** Tests only: accept Web Push endpoints on http or on private, loopback or link-local addresses. */
    ALLOW_INSECURE_PUSH_ENDPOINTS: envBoolean(false),
  })
  .superRefine(requireSentinelPair);

export type UsersConfig = Readonly<z.output<typeof usersEnv>>;

export function loadUsersConfig(env: Record<string, string | undefined>): UsersConfig {
  return loadConfig(usersEnv, env, [
    devSecretRule('JWT_SECRET', DEV_JWT_SECRET),
    testOnlySwitchRule('ALLOW_INSECURE_PUSH_ENDPOINTS'),
  ]);
}
