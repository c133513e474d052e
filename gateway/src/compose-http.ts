import { createServer, type Server } from 'node:http';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type Express } from 'express';
import { createUnsubscribeTokenCodec } from '@herald/contracts';
import type { HealthHandler } from '@herald/lifecycle';
import type { Logger } from '@herald/logging';
import { httpServerSpan, type MetricsRegistry } from '@herald/observability';
import type { NotificationServiceDefinition, PromiseClient, UserServiceDefinition } from '@herald/proto';
import type { RedisConnection } from '@herald/redis';
import { adminKeyMatcher, createAuthenticator, type Authenticator } from './auth/authenticate';
import { verifyThroughUsers } from './auth/verify-credential';
import type { GatewayGraphql } from './compose-graphql';
import type { GatewayConfig } from './config';
import { createConsoleRouter } from './console/console-router';
import { authenticateMiddleware } from './http/authenticate.middleware';
import { correlationIdMiddleware } from './http/correlation-id';
import { createEdgeErrorSender } from './http/edge-errors';
import { errorHandler, notFoundHandler } from './http/error-handler';
import { jsonDepthLimit } from './http/json-depth';
import { loadShedding } from './http/load-shedding';
import { requestLogMiddleware } from './http/request-log';
import { requestState } from './http/request-state';
import type { GatewayMetrics } from './metrics/gateway-metrics';
import { httpMetricsMiddleware } from './metrics/http-metrics.middleware';
import { rateLimitMiddleware } from './rate-limit/rate-limit.middleware';
import { createTokenBucket } from './rate-limit/token-bucket';
import { createApiDocsRouter } from './rest/api-docs';
import { createNotificationsCaller } from './rest/call-notifications';
import { buildOpenApiDocument } from './rest/openapi';
import { createRestRouter } from './rest/rest.router';
import { createOperationRunner } from './rest/run-operation';
import { createUnsubscribeRouter } from './unsubscribe/unsubscribe.router';

export interface HttpServer {
  readonly app: Express;
  /** Serves the app; the GraphQL subscriptions share it. */
  readonly httpServer: Server;
}

/** The express app and the HTTP server it answers on; routes are mounted once GraphQL has started. */
export function createHttpServer(config: Pick<GatewayConfig, 'TRUST_PROXY'>): HttpServer {
  const app = express();
  app.disable('x-powered-by');
  // Behind a proxy the client IP for anonymous rate limits comes from X-Forwarded-For.
  app.set('trust proxy', config.TRUST_PROXY);
  return { app, httpServer: createServer(app) };
}

export interface GatewayHttp {
  /** Who a request or a subscription acts as. */
  readonly authenticate: Authenticator;
  /** Mounts every route on the app; the GraphQL server must have started. */
  mountRoutes(): void;
}

/**
 * The gateway's HTTP surface: health, GraphQL, the REST shim, unsubscribe links, the API docs
 * and the console, behind load shedding, rate limits and authentication.
 */
export function composeHttp(
  config: Pick<
    GatewayConfig,
    | 'HERALD_ADMIN_API_KEY'
    | 'CREDENTIAL_CACHE_TTL_MS'
    | 'RATE_LIMIT_PER_SECOND'
    | 'RATE_LIMIT_BURST'
    | 'MAX_IN_FLIGHT_REQUESTS'
    | 'BODY_LIMIT'
    | 'UNSUBSCRIBE_SECRET'
    | 'CONSOLE_DIR'
  >,
  deps: {
    readonly app: Express;
    readonly graphql: GatewayGraphql;
    readonly health: HealthHandler;
    readonly redis: RedisConnection;
    readonly users: PromiseClient<UserServiceDefinition>;
    readonly notifications: PromiseClient<NotificationServiceDefinition>;
    readonly metrics: GatewayMetrics;
    readonly registry: MetricsRegistry;
    readonly log: Logger;
  },
): GatewayHttp {
  const { app, metrics, users, log } = deps;
  const { apollo } = deps.graphql;
  const send = createEdgeErrorSender(metrics);
  const authenticate = createAuthenticator({
    adminApiKey: config.HERALD_ADMIN_API_KEY,
    verify: verifyThroughUsers(users),
    cacheTtlMs: config.CREDENTIAL_CACHE_TTL_MS,
  });
  const settings = { ratePerSecond: config.RATE_LIMIT_PER_SECOND, burst: config.RATE_LIMIT_BURST };
  const limited = [
    loadShedding(config.MAX_IN_FLIGHT_REQUESTS, send),
    rateLimitMiddleware({
      takeToken: createTokenBucket(deps.redis, settings),
      settings,
      isExempt: adminKeyMatcher(config.HERALD_ADMIN_API_KEY),
      metrics,
      send,
      log,
    }),
  ];
  const metered = [...limited, authenticateMiddleware(authenticate, send)];

  const mountRoutes = () => {
    app.use((req, res, next) => {
      deps.health(req, res).then((handled) => (handled ? undefined : next()), next);
    });
    app.use(httpServerSpan);
    app.use(correlationIdMiddleware());
    app.use(requestLogMiddleware(log));
    app.use(httpMetricsMiddleware(deps.registry));
    app.use(
      '/graphql',
      ...metered,
      express.json({ limit: config.BODY_LIMIT }),
      jsonDepthLimit(send),
      expressMiddleware(apollo, {
        context: async ({ res }) => {
          const { correlationId, identity } = requestState(res);
          return { correlationId, identity };
        },
      }),
    );
    app.use(
      '/api/v1',
      ...metered,
      createRestRouter({
        run: createOperationRunner(apollo),
        notifications: createNotificationsCaller(
          deps.notifications,
          (code) => metrics.errors.inc({ code, source: 'grpc' }),
          log,
        ),
        send,
        bodyLimit: config.BODY_LIMIT,
      }),
    );
    // No credential: the token in the link is the authority (RFC 8058 forbids any other context).
    app.use(
      '/unsubscribe',
      ...limited,
      createUnsubscribeRouter({
        tokens: createUnsubscribeTokenCodec(config.UNSUBSCRIBE_SECRET),
        unsubscribe: async ({ userId, category }) =>
          (await users.UnsubscribeEmail({ user_id: userId, category: category ?? '' })).changed,
        count: (outcome) => metrics.unsubscribes.inc({ outcome }),
        log,
      }),
    );
    // After /api/v1, so the REST calls do not walk the documentation routes first.
    app.use('/api', createApiDocsRouter(buildOpenApiDocument()));
    app.use('/console', createConsoleRouter({ dir: config.CONSOLE_DIR }));
    app.use(notFoundHandler(send));
    app.use(errorHandler(send, log));
  };
  return { authenticate, mountRoutes };
}
