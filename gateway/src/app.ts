import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { expressMiddleware } from '@as-integrations/express5';
import bytes from 'bytes';
import express from 'express';
import type { GraphQLSchema } from 'graphql';
import { redisSettingsOf, UnreachableDependencyError } from '@herald/config';
import { createUnsubscribeTokenCodec } from '@herald/contracts';
import type { Logger } from '@herald/logging';
import { createMetricsRegistry, httpServerSpan } from '@herald/observability';
import { CleanupStack, closeServer, createHealthHandler, listen, type ServiceApp } from '@herald/lifecycle';
import { createGrpcClient, createGrpcHealthProbe, loadHeraldProto } from '@herald/proto';
import { connectRedis, type RedisConnection } from '@herald/redis';
import { adminKeyMatcher, createAuthenticator } from './auth/authenticate';
import { verifyThroughUsers } from './auth/verify-credential';
import { DEV_ADMIN_API_KEY, type GatewayConfig } from './config';
import { createConsoleRouter } from './console/console-router';
import { createSubgraphFetcher } from './datasources/subgraph-fetcher';
import { createGatewayServer } from './graphql/gateway-server';
import { redisProbe, subgraphProbe, supergraphProbe } from './health/readiness-probes';
import { authenticateMiddleware } from './http/authenticate.middleware';
import { correlationIdMiddleware } from './http/correlation-id';
import { createEdgeErrorSender } from './http/edge-errors';
import { errorHandler, notFoundHandler } from './http/error-handler';
import { loadShedding } from './http/load-shedding';
import { MAX_JSON_DEPTH, jsonDepthLimit } from './http/json-depth';
import { createDocumentGuard } from './limits/document-guard';
import { requestLogMiddleware } from './http/request-log';
import { requestState } from './http/request-state';
import { createGatewayMetrics } from './metrics/gateway-metrics';
import { httpMetricsMiddleware } from './metrics/http-metrics.middleware';
import { rateLimitMiddleware } from './rate-limit/rate-limit.middleware';
import { createTokenBucket } from './rate-limit/token-bucket';
import { createApiDocsRouter } from './rest/api-docs';
import { buildOpenApiDocument } from './rest/openapi';
import { createNotificationsCaller } from './rest/call-notifications';
import { createRestRouter } from './rest/rest.router';
import { createOperationRunner } from './rest/run-operation';
import { createStatusFeed } from './subscriptions/status-feed';
import { startSubscriptionServer } from './subscriptions/subscription-server';
import { SUBGRAPH_NAMES, type SubgraphName } from './supergraph/subgraph-names';
import { createUnsubscribeRouter } from './unsubscribe/unsubscribe.router';

export async function createApp(config: GatewayConfig, log: Logger): Promise<ServiceApp> {
  const cleanup = new CleanupStack(log);
  const supergraphSdl = readSupergraph(config.SUPERGRAPH_PATH);
  const subgraphUrls: Record<SubgraphName, string> = {
    users: config.USERS_URL,
    templates: config.TEMPLATES_URL,
    notifications: config.NOTIFICATIONS_URL,
  };
  if (config.HERALD_ADMIN_API_KEY === DEV_ADMIN_API_KEY) {
    log.warn(
      `HERALD_ADMIN_API_KEY is the development default (${DEV_ADMIN_API_KEY}); set a secret before exposing the gateway`,
    );
  }

  // Redis only meters requests; the gateway starts and serves without it (fail open).
  const redis = connectRedis(redisSettingsOf(config), log);
  cleanup.defer('redis', () => redis.close());
  const registry = createMetricsRegistry('gateway');
  const { UserService, NotificationService } = loadHeraldProto().herald.v1;
  const clientOptions = {
    internalToken: config.INTERNAL_TOKEN,
    deadlineMs: config.GRPC_DEADLINE_MS,
    metrics: registry,
  };
  const users = createGrpcClient(UserService, config.USERS_GRPC, clientOptions);
  cleanup.defer('users grpc client', async () => users.close());
  const notifications = createGrpcClient(NotificationService, config.NOTIFICATIONS_GRPC, clientOptions);
  cleanup.defer('notifications grpc client', async () => notifications.close());
  const grpcPeerProbes = [
    createGrpcHealthProbe('users_grpc', config.USERS_GRPC, UserService),
    createGrpcHealthProbe('notifications_grpc', config.NOTIFICATIONS_GRPC, NotificationService),
  ];
  cleanup.defer('gRPC health probes', () => grpcPeerProbes.forEach((probe) => probe.close()));

  const metrics = createGatewayMetrics(registry);
  const send = createEdgeErrorSender(metrics);
  const app = express();
  app.disable('x-powered-by');
  // Behind a proxy the client IP for anonymous rate limits comes from X-Forwarded-For.
  app.set('trust proxy', config.TRUST_PROXY);
  const httpServer = createServer(app);
  // Disposed after the GraphQL server, which drains the calls still using it.
  const subgraphFetcher = createSubgraphFetcher();
  cleanup.defer('subgraph connections', () => subgraphFetcher.close());
  let schema: GraphQLSchema | undefined;
  const documentGuard = createDocumentGuard({
    maxTokens: config.GRAPHQL_MAX_TOKENS,
    maxDepth: config.GRAPHQL_MAX_DEPTH,
    maxAliases: config.GRAPHQL_MAX_ALIASES,
    maxDirectives: config.GRAPHQL_MAX_DIRECTIVES,
    maxFragmentSpreads: config.GRAPHQL_MAX_FRAGMENT_SPREADS,
    maxInputDepth: MAX_JSON_DEPTH,
  });
  const apollo = createGatewayServer({
    supergraphSdl,
    subgraphUrls,
    internalToken: config.INTERNAL_TOKEN,
    fetcher: subgraphFetcher.fetch,
    production: config.NODE_ENV === 'production',
    documentGuard,
    httpServer,
    metrics,
    onSchema: (loaded) => (schema = loaded),
    log,
  });
  const health = createHealthHandler(
    'gateway',
    [
      supergraphProbe(() => schema !== undefined),
      ...SUBGRAPH_NAMES.map((name) => subgraphProbe(name, subgraphUrls[name])),
      ...grpcPeerProbes,
      redisProbe(redis),
    ],
    registry,
  );
  const authenticate = createAuthenticator({
    adminApiKey: config.HERALD_ADMIN_API_KEY,
    verify: verifyThroughUsers(users),
    cacheTtlMs: config.CREDENTIAL_CACHE_TTL_MS,
  });
  const settings = { ratePerSecond: config.RATE_LIMIT_PER_SECOND, burst: config.RATE_LIMIT_BURST };
  const limited = [
    loadShedding(config.MAX_IN_FLIGHT_REQUESTS, send),
    rateLimitMiddleware({
      takeToken: createTokenBucket(redis, settings),
      settings,
      isExempt: adminKeyMatcher(config.HERALD_ADMIN_API_KEY),
      metrics,
      send,
      log,
    }),
  ];
  const metered = [...limited, authenticateMiddleware(authenticate, send)];

  return {
    async start() {
      await Promise.all([apollo.start(), redisReady(redis.client)]);
      cleanup.defer('graphql server', async () => {
        await apollo.stop();
        if (httpServer.listening) await closeServer(httpServer);
      });
      app.use((req, res, next) => {
        health(req, res).then((handled) => (handled ? undefined : next()), next);
      });
      app.use(httpServerSpan);
      app.use(correlationIdMiddleware());
      app.use(requestLogMiddleware(log));
      app.use(httpMetricsMiddleware(registry));
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
            notifications,
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
      const subscriptions = startSubscriptionServer({
        httpServer,
        path: '/graphql',
        apiSchema: () => schema,
        documentGuard,
        // BODY_LIMIT's pattern admits only sizes that bytes (express's own parser) reads.
        maxPayloadBytes: bytes.parse(config.BODY_LIMIT) as number,
        authenticate,
        feed: createStatusFeed(redis, log),
        runQuery: async (query, variables, contextValue) => {
          const response = await apollo.executeOperation<Record<string, unknown>>(
            { query, variables },
            { contextValue },
          );
          if (response.body.kind !== 'single') return { errors: [{ message: 'internal error' }] };
          return response.body.singleResult;
        },
        keepAliveMs: config.SUBSCRIPTION_KEEPALIVE_MS,
        bufferLimit: config.SUBSCRIPTION_BUFFER_LIMIT,
        connectionsPerCredential: config.SUBSCRIPTION_CONNECTIONS_PER_CREDENTIAL,
        log,
      });
      // Deferred after the HTTP server, so open subscriptions complete before it closes.
      cleanup.defer('subscriptions', () => subscriptions.stop());
      app.use(errorHandler(send, log));
      const port = await listen(httpServer, config.PORT);
      log.info({ port }, 'gateway listening');
      return { http: port };
    },
    stop: () => cleanup.dispose(),
  };
}

const REDIS_WAIT_MS = 2000;

/** Gives Redis a moment to connect, so the first requests are metered; serves without it after that. */
async function redisReady(client: RedisConnection['client']): Promise<void> {
  if (client.status === 'ready') return;
  // Not events.once: it rejects on the 'error' events a down Redis emits while reconnecting.
  await new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      client.off('ready', done);
      resolve();
    };
    const timer = setTimeout(done, REDIS_WAIT_MS);
    client.once('ready', done);
  });
}

function readSupergraph(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new UnreachableDependencyError('SUPERGRAPH_PATH', error);
  }
}
