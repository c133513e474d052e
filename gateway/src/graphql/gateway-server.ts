import type { Server } from 'node:http';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import type { Logger } from '@herald/logging';
import { requireIdentityForMutations } from '../auth/require-identity.plugin';
import { HeraldDataSource } from '../datasources/herald-data-source';
import { isSubgraphName, type SubgraphName } from '../supergraph/subgraph-names';
import { createErrorFormatter } from './format-error';
import type { GatewayContext } from './gateway-context';

export interface GatewayServerOptions {
  readonly supergraphSdl: string;
  readonly subgraphUrls: Readonly<Record<SubgraphName, string>>;
  readonly internalToken: string;
  readonly production: boolean;
  readonly httpServer: Server;
  readonly log: Logger;
}

/**
 * Apollo Server executing the committed supergraph through the gateway's query planner. Each
 * subgraph is routed by its name in the supergraph to the URL the config gives.
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
      });
    },
  });
  return new ApolloServer<GatewayContext>({
    gateway,
    logger: options.log,
    nodeEnv: options.production ? 'production' : 'development',
    introspection: !options.production,
    includeStacktraceInErrorResponses: false,
    // runService owns SIGTERM/SIGINT and stops the app in order.
    stopOnTerminationSignals: false,
    formatError: createErrorFormatter(options.log),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer: options.httpServer }),
      requireIdentityForMutations(),
    ],
  });
}
