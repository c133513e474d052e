import { composeApp, listen, type ServiceApp } from '@herald/lifecycle';
import type { Logger } from '@herald/logging';
import { createMetricsRegistry } from '@herald/observability';
import { warnOfDevAdminKey } from './auth/dev-admin-key';
import { composeGraphql } from './compose-graphql';
import { composeHealth } from './compose-health';
import { composeHttp, createHttpServer } from './compose-http';
import { composePeers } from './compose-peers';
import { startSubscriptions } from './compose-subscriptions';
import type { GatewayConfig } from './config';
import { createGatewayMetrics } from './metrics/gateway-metrics';

const SERVICE = 'gateway';
/** How long start-up waits for Redis before serving without it (fail open). */
const REDIS_WAIT_MS = 2000;

/** The composition root: peers, the federated GraphQL server, HTTP routes and subscriptions. */
export function createApp(config: GatewayConfig, log: Logger): Promise<ServiceApp> {
  return composeApp(log, async (cleanup) => {
    warnOfDevAdminKey(config.HERALD_ADMIN_API_KEY, log);
    const registry = createMetricsRegistry(SERVICE);
    const peers = composePeers(config, { registry, log }, cleanup);
    const metrics = createGatewayMetrics(registry);
    const { app, httpServer } = createHttpServer(config);
    const graphql = composeGraphql(config, { httpServer, metrics, log }, cleanup);
    const health = composeHealth(SERVICE, { graphql, peers, registry });
    const http = composeHttp(config, { app, graphql, health, ...peers, metrics, registry, log });

    return async () => {
      await Promise.all([graphql.apollo.start(), peers.waitForRedis(REDIS_WAIT_MS)]);
      cleanup.defer('graphql server', () => graphql.stop());
      http.mountRoutes();
      const subscriptions = startSubscriptions(config, {
        httpServer,
        graphql,
        authenticate: http.authenticate,
        redis: peers.redis,
        log,
      });
      // Deferred after the HTTP server, so open subscriptions complete before it closes.
      cleanup.defer('subscriptions', () => subscriptions.stop());
      const port = await listen(httpServer, config.PORT);
      log.info({ port }, 'gateway listening');
      return { http: port };
    };
  });
}
