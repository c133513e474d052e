import type { Server } from 'node:http';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import type { GraphQLSchema } from 'graphql';
import type { Logger } from '@herald/logging';
import { HeraldDataSource } from '../datasources/herald-data-source';
import type { Fetcher } from '../datasources/subgraph-fetcher';
import type { DocumentGuard } from '../limits/document-guard';
import type { GatewayMetrics } from '../metrics/gateway-metrics';
import { operationMetricsPlugin } from '../metrics/operation-metrics.plugin';
import { isSubgraphName, type SubgraphName } from '../supergraph/subgraph-names';
import { createErrorFormatter } from './format-error';
import { httpSubscriptionRule } from './http-subscription.rule';
import type { GatewayContext } from './gateway-context';

export interface GatewayServerOptions {
  readonly supergraphSdl: string;
  readonly subgraphUrls: Readonly<Record<SubgraphName, string>>;
  readonly internalToken: string;
  readonly fetcher: Fetcher;
  readonly production: boolean;
  readonly documentGuard: DocumentGuard;
  readonly httpServer: Server;
  readonly metrics: GatewayMetrics;
  /** Called with the client-facing schema whenever the supergraph (re)loads. */
  readonly onSchema: (schema: GraphQLSchema) => void;
  readonly log: Logger;
}

/**
 * Apollo Server executing the committed supergraph through the gateway's query planner. Each
 * subgraph is routed by its name in the supergraph to the URL the config gives. Automatic
 * persisted queries use Apollo's default in-memory cache; CSRF prevention is on.
 */
export function createGatewayServer(options: GatewayServerOptions): ApolloServer<GatewayContext> {
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    logger: options.log,
    buildService: ({ name }) => {
      if (!isSubgraphName(name))
        throw new Error(`the supergraph names subgraph "${name}", which has no configured URL`);
      return new HeraldDataSource({
        name,
        url: options.subgraphUrls[name],
        internalToken: options.internalToken,
        fetcher: options.fetcher,
      });
    },
  });
  gateway.onSchemaLoadOrUpdate(({ apiSchema }) => options.onSchema(apiSchema));
  return new ApolloServer<GatewayContext>({
    gateway,
    logger: options.log,
    nodeEnv: options.production ? 'production' : 'development',
    introspection: !options.production,
    includeStacktraceInErrorResponses: false,
    csrfPrevention: true,
    persistedQueries: {},
    validationRules: [...options.documentGuard.validationRules, httpSubscriptionRule],
    parseOptions: options.documentGuard.parseOptions,
    validationOptions: options.documentGuard.validationOptions,
    // runService owns SIGTERM/SIGINT and stops the app in order.
    stopOnTerminationSignals: false,
    formatError: createErrorFormatter(options.log, (code) =>
      options.metrics.errors.inc({ code, source: 'graphql' }),
    ),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer: options.httpServer }),
      operationMetricsPlugin(options.metrics),
    ],
  });
}
