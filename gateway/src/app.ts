import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { UnreachableDependencyError } from '@herald/config';
import type { Logger } from '@herald/logging';
import {
  CleanupStack,
  closeServer,
  createHealthHandler,
  createMetricsRegistry,
  listen,
  type ServiceApp,
} from '@herald/observability';
import { createAuthenticator } from './auth/authenticate';
import { DEV_ADMIN_API_KEY, type GatewayConfig } from './config';
import { createGatewayServer } from './graphql/gateway-server';
import { subgraphProbe, supergraphProbe } from './health/readiness-probes';
import { authenticateMiddleware } from './http/authenticate.middleware';
import { correlationIdMiddleware } from './http/correlation-id';
import { errorHandler, notFoundHandler } from './http/error-handler';
import { requestState } from './http/request-state';
import { SUBGRAPH_NAMES, type SubgraphName } from './supergraph/subgraph-names';

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

  const app = express();
  app.disable('x-powered-by');
  const httpServer = createServer(app);
  const apollo = createGatewayServer({
    supergraphSdl,
    subgraphUrls,
    internalToken: config.INTERNAL_TOKEN,
    production: config.NODE_ENV === 'production',
    httpServer,
    log,
  });
  let loaded = false;
  const health = createHealthHandler(
    'gateway',
    [supergraphProbe(() => loaded), ...SUBGRAPH_NAMES.map((name) => subgraphProbe(name, subgraphUrls[name]))],
    createMetricsRegistry('gateway'),
  );

  return {
    async start() {
      await apollo.start();
      cleanup.defer('graphql server', async () => {
        await apollo.stop();
        if (httpServer.listening) await closeServer(httpServer);
      });
      loaded = true;
      app.use((req, res, next) => {
        health(req, res).then((handled) => (handled ? undefined : next()), next);
      });
      app.use(correlationIdMiddleware());
      app.use(
        '/graphql',
        express.json({ limit: config.BODY_LIMIT }),
        authenticateMiddleware(createAuthenticator(config.HERALD_ADMIN_API_KEY)),
        expressMiddleware(apollo, {
          context: async ({ res }) => {
            const { correlationId, identity } = requestState(res);
            return { correlationId, identity };
          },
        }),
      );
      app.use(notFoundHandler());
      app.use(errorHandler(log));
      const port = await listen(httpServer, config.PORT);
      log.info({ port }, 'gateway listening');
      return { http: port };
    },
    stop: () => cleanup.dispose(),
  };
}

function readSupergraph(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new UnreachableDependencyError('SUPERGRAPH_PATH', error);
  }
}
