import { databaseProbe } from '@herald/database';
import { composeApp, createHealthHandler, type ServiceApp } from '@herald/lifecycle';
import type { Logger } from '@herald/logging';
import { createMetricsRegistry } from '@herald/observability';
import { composeConnections } from './compose-connections';
import { composeGraphql } from './compose-graphql';
import { composeGrpc } from './compose-grpc';
import { composeUseCases } from './compose-use-cases';
import type { UsersConfig } from './config';

const SERVICE = 'users';

/** The composition root: the database and Redis, the use cases, GraphQL and gRPC servers. */
export function createApp(config: UsersConfig, log: Logger): Promise<ServiceApp> {
  return composeApp(log, async (cleanup) => {
    const { db, redis } = await composeConnections(config, log, cleanup);
    const registry = createMetricsRegistry(SERVICE);
    const useCases = await composeUseCases(config, { db, redis, registry, log });
    const health = createHealthHandler(SERVICE, [databaseProbe(db)], registry);
    const graphql = composeGraphql(config, { useCases, health, registry, log });
    const grpc = composeGrpc(config, { useCases, registry, log });

    return async () => {
      cleanup.defer('graphql server', () => graphql.close());
      const http = await graphql.listen(config.PORT);
      cleanup.defer('grpc server', () => grpc.close());
      const grpcPort = await grpc.listen(config.GRPC_PORT);
      log.info({ http, grpc: grpcPort }, 'users subgraph listening');
      return { http, grpc: grpcPort };
    };
  });
}
