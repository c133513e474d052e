import { createHealthHandler, type HealthHandler } from '@herald/lifecycle';
import type { MetricsRegistry } from '@herald/observability';
import type { GatewayGraphql } from './compose-graphql';
import type { Peers } from './compose-peers';
import { redisProbe, subgraphProbe, supergraphProbe } from './health/readiness-probes';
import { SUBGRAPH_NAMES } from './supergraph/subgraph-names';

/**
 * /health, /ready and /metrics. Ready once the supergraph has loaded and every subgraph, the
 * gRPC health of users and notifications, and Redis answer.
 */
export function composeHealth(
  service: string,
  { graphql, peers, registry }: { graphql: GatewayGraphql; peers: Peers; registry: MetricsRegistry },
): HealthHandler {
  return createHealthHandler(
    service,
    [
      supergraphProbe(() => graphql.apiSchema() !== undefined),
      ...SUBGRAPH_NAMES.map((name) => subgraphProbe(name, graphql.subgraphUrls[name])),
      ...peers.probes,
      redisProbe(peers.redis),
    ],
    registry,
  );
}
