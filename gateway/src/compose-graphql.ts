import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { ApolloServer } from '@apollo/server';
import type { GraphQLSchema } from 'graphql';
import { UnreachableDependencyError } from '@herald/config';
import { closeServer, type CleanupStack } from '@herald/lifecycle';
import type { Logger } from '@herald/logging';
import type { GatewayConfig } from './config';
import { createSubgraphFetcher } from './datasources/subgraph-fetcher';
import type { GatewayContext } from './graphql/gateway-context';
import { createGatewayServer } from './graphql/gateway-server';
import { MAX_JSON_DEPTH } from './http/json-depth';
import { createDocumentGuard, type DocumentGuard } from './limits/document-guard';
import type { GatewayMetrics } from './metrics/gateway-metrics';
import type { SubgraphName } from './supergraph/subgraph-names';

export interface GatewayGraphql {
  readonly apollo: ApolloServer<GatewayContext>;
  readonly documentGuard: DocumentGuard;
  readonly subgraphUrls: Readonly<Record<SubgraphName, string>>;
  /** The client-facing schema, once the supergraph has loaded. */
  apiSchema(): GraphQLSchema | undefined;
  /** Stops Apollo, draining the HTTP server's requests, and closes the server. */
  stop(): Promise<void>;
}

/** The federated gateway over the committed supergraph, with its document limits. */
export function composeGraphql(
  config: Pick<
    GatewayConfig,
    | 'SUPERGRAPH_PATH'
    | 'USERS_URL'
    | 'TEMPLATES_URL'
    | 'NOTIFICATIONS_URL'
    | 'INTERNAL_TOKEN'
    | 'NODE_ENV'
    | 'GRAPHQL_MAX_TOKENS'
    | 'GRAPHQL_MAX_DEPTH'
    | 'GRAPHQL_MAX_ALIASES'
    | 'GRAPHQL_MAX_DIRECTIVES'
    | 'GRAPHQL_MAX_FRAGMENT_SPREADS'
  >,
  { httpServer, metrics, log }: { httpServer: Server; metrics: GatewayMetrics; log: Logger },
  cleanup: CleanupStack,
): GatewayGraphql {
  const supergraphSdl = readSupergraph(config.SUPERGRAPH_PATH);
  const subgraphUrls: Record<SubgraphName, string> = {
    users: config.USERS_URL,
    templates: config.TEMPLATES_URL,
    notifications: config.NOTIFICATIONS_URL,
  };
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
  const stop = async () => {
    await apollo.stop();
    if (httpServer.listening) await closeServer(httpServer);
  };
  return { apollo, documentGuard, subgraphUrls, apiSchema: () => schema, stop };
}

function readSupergraph(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new UnreachableDependencyError('SUPERGRAPH_PATH', error);
  }
}
