import { join, resolve } from 'node:path';
import { z } from 'zod';
import {
  commonEnv,
  envBoolean,
  envGrpcAddress,
  envPort,
  envUrl,
  loadConfig,
  unsubscribeEnv,
  redisEnv,
  requireSentinelPair,
} from '@herald/config';

/** Works on a developer machine only; refused when NODE_ENV=production. */
export const DEV_ADMIN_API_KEY = 'herald-dev-admin-key';
const MIN_PRODUCTION_KEY_LENGTH = 24;

const subgraphUrl = (port: number) => envUrl(['http:', 'https:']).default(`http://127.0.0.1:${port}/graphql`);

const gatewayEnv = z
  .object({
    ...commonEnv,
    PORT: envPort(8000),
    USERS_URL: subgraphUrl(8001),
    TEMPLATES_URL: subgraphUrl(8002),
    NOTIFICATIONS_URL: subgraphUrl(8005),
    HERALD_ADMIN_API_KEY: z.string().min(1).default(DEV_ADMIN_API_KEY),
    ...unsubscribeEnv,
    // The committed file sits at the package root, one level above both src/ and dist/.
    SUPERGRAPH_PATH: z
      .string()
      .min(1)
      .default(join(__dirname, '..', 'supergraph.graphql')),
    /** Requests served at once on /graphql and /api/v1; more are refused with 503 at once. */
    MAX_IN_FLIGHT_REQUESTS: z.coerce.number().int().positive().default(256),
    BODY_LIMIT: z
      .string()
      .regex(/^\d+(b|kb|mb)$/i, 'must be a size such as 512kb or 1mb')
      .default('1mb'),
    /** The console's built files (index.html and assets/), served at /console. */
    CONSOLE_DIR: z
      .string()
      .min(1)
      .default(join(__dirname, '..', '..', 'console', 'dist'))
      .transform((dir) => resolve(dir)),
    USERS_GRPC: envGrpcAddress('127.0.0.1:50051'),
    /** NotificationService, which the REST shim's notification routes call. */
    NOTIFICATIONS_GRPC: envGrpcAddress('127.0.0.1:50053'),
    ...redisEnv,
    /** How long a verified credential is trusted before users is asked again (revocation delay). */
    CREDENTIAL_CACHE_TTL_MS: z.coerce.number().int().min(0).max(60_000).default(10_000),
    RATE_LIMIT_PER_SECOND: z.coerce.number().positive().default(20),
    RATE_LIMIT_BURST: z.coerce.number().int().positive().default(40),
    TRUST_PROXY: envBoolean(false),
    /** Tokens in one GraphQL document; the parser stops past it. Variables do not count. */
    GRAPHQL_MAX_TOKENS: z.coerce.number().int().positive().default(1000),
    GRAPHQL_MAX_DEPTH: z.coerce.number().int().positive().default(12),
    GRAPHQL_MAX_ALIASES: z.coerce.number().int().nonnegative().default(30),
    GRAPHQL_MAX_DIRECTIVES: z.coerce.number().int().nonnegative().default(50),
    /** Fragment spreads one operation expands to, counting a nested spread each time its fragment is spread. */
    GRAPHQL_MAX_FRAGMENT_SPREADS: z.coerce.number().int().nonnegative().default(50),
    SUBSCRIPTION_KEEPALIVE_MS: z.coerce.number().int().min(1000).default(12_000),
    /** Events waiting for one subscription; past it the client is closed with 4008. */
    SUBSCRIPTION_BUFFER_LIMIT: z.coerce.number().int().positive().default(256),
    SUBSCRIPTION_CONNECTIONS_PER_CREDENTIAL: z.coerce.number().int().positive().default(20),
  })
  .superRefine(requireSentinelPair);

export type GatewayConfig = Readonly<z.output<typeof gatewayEnv>>;

export function loadGatewayConfig(env: Record<string, string | undefined>): GatewayConfig {
  return loadConfig(gatewayEnv, env, [
    {
      variable: 'HERALD_ADMIN_API_KEY',
      refuses: ({ HERALD_ADMIN_API_KEY: key }) =>
        key === DEV_ADMIN_API_KEY || key.length < MIN_PRODUCTION_KEY_LENGTH,
      reason: `is invalid: must be set to a secret of at least ${MIN_PRODUCTION_KEY_LENGTH} characters (not the dev default) when NODE_ENV=production`,
    },
  ]);
}
