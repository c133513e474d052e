import { createServer } from 'node:http';
import express from 'express';
import { closeServer, composeApp, createHealthHandler, listen, type ServiceApp } from '@herald/lifecycle';
import type { Logger } from '@herald/logging';
import { createMetricsRegistry } from '@herald/observability';
import type { RedisConnection } from '@herald/redis';
import { composeGraphql } from './compose-graphql';
import { composeHttp } from './compose-http';
import { composePeers } from './compose-peers';
import { startSubscriptions } from './compose-subscriptions';
import { DEV_ADMIN_API_KEY, type GatewayConfig } from './config';
import { redisProbe, subgraphProbe, supergraphProbe } from './health/readiness-probes';
import { createGatewayMetrics } from './metrics/gateway-metrics';
import { SUBGRAPH_NAMES } from './supergraph/subgraph-names';

/** The composition root: peers, the federated GraphQL server, HTTP routes and subscriptions. */
export function createApp(config: GatewayConfig, log: Logger): Promise<ServiceApp> {
  return composeApp(log, async (cleanup) => {
    if (config.HERALD_ADMIN_API_KEY === DEV_ADMIN_API_KEY) {
      log.warn(
        `HERALD_ADMIN_API_KEY is the development default (${DEV_ADMIN_API_KEY}); set a secret before exposing the gateway`,
      );
    }
    const registry = createMetricsRegistry('gateway');
    const peers = composePeers(config, { registry, log }, cleanup);
    const metrics = createGatewayMetrics(registry);
    const app = express();
    app.disable('x-powered-by');
    // Behind a proxy the client IP for anonymous rate limits comes from X-Forwarded-For.
    app.set('trust proxy', config.TRUST_PROXY);
    const httpServer = createServer(app);
    const graphql = composeGraphql(config, { httpServer, metrics, log }, cleanup);
    const health = createHealthHandler(
      'gateway',
      [
        supergraphProbe(() => graphql.apiSchema() !== undefined),
        ...SUBGRAPH_NAMES.map((name) => subgraphProbe(name, graphql.subgraphUrls[name])),
        ...peers.probes,
        redisProbe(peers.redis),
      ],
      registry,
    );
    const http = composeHttp(config, { app, graphql, health, ...peers, metrics, registry, log });

    return async () => {
      await Promise.all([graphql.apollo.start(), redisReady(peers.redis.client)]);
      cleanup.defer('graphql server', async () => {
        await graphql.apollo.stop();
        if (httpServer.listening) await closeServer(httpServer);
      });
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
