import { databaseProbe } from '@herald/database';
import { composeApp, createHealthHandler, type ServiceApp } from '@herald/lifecycle';
import type { Logger } from '@herald/logging';
import { createMetricsRegistry } from '@herald/observability';
import { createChangeFeed, TEMPLATE_CHANGES } from '@herald/redis';
import { composeConnections } from './compose-connections';
import { composeGraphql } from './compose-graphql';
import { composeGrpc } from './compose-grpc';
import { composeRendering } from './compose-rendering';
import type { TemplatesConfig } from './config';
import { createTemplateRepository } from './store/template.repository';

const SERVICE = 'templates';
/** How long start-up waits for the change subscription before serving without it (fail open). */
const SUBSCRIBE_WAIT_MS = 2000;

/** The composition root: the database and Redis, the rendering read path, GraphQL and gRPC servers. */
export function createApp(config: TemplatesConfig, log: Logger): Promise<ServiceApp> {
  return composeApp(log, async (cleanup) => {
    const { db, redis } = await composeConnections(config, log, cleanup);
    const templates = createTemplateRepository(db);
    const rendering = composeRendering({
      templates,
      cacheSize: config.TEMPLATE_CACHE_SIZE,
      resolutionTtlMs: config.ACTIVE_VERSION_CACHE_SECONDS * 1000,
    });
    // Also read by notifications, which caches GetTemplate answers per code.
    const changes = createChangeFeed(redis, TEMPLATE_CHANGES, log);
    changes.onChange((code) => rendering.resolutions.invalidate(code));

    const registry = createMetricsRegistry(SERVICE);
    const health = createHealthHandler(SERVICE, [databaseProbe(db)], registry);
    const graphql = composeGraphql(config, {
      templates,
      rendering,
      announceChange: (code) => changes.announce(code),
      health,
      registry,
      log,
    });
    const grpc = composeGrpc(config, { rendering, registry, log });

    return async () => {
      await changes.listen(SUBSCRIBE_WAIT_MS);
      // Pushed before listening so a half-started app still closes what it opened.
      cleanup.defer('graphql server', () => graphql.close());
      const http = await graphql.listen(config.PORT);
      cleanup.defer('grpc server', () => grpc.close());
      const grpcPort = await grpc.listen(config.GRPC_PORT);
      log.info({ http_port: http, grpc_port: grpcPort }, 'templates service listening');
      return { http, grpc: grpcPort };
    };
  });
}
