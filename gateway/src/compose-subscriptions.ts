import type { Server } from 'node:http';
import bytes from 'bytes';
import type { Logger } from '@herald/logging';
import type { RedisConnection } from '@herald/redis';
import type { Authenticator } from './auth/authenticate';
import type { GatewayGraphql } from './compose-graphql';
import type { GatewayConfig } from './config';
import { createStatusFeed } from './subscriptions/status-feed';
import { startSubscriptionServer } from './subscriptions/subscription-server';

/**
 * graphql-ws on /graphql: status events from the Redis channel, every field beyond the event
 * resolved through the gateway's own federated execution.
 */
export function startSubscriptions(
  config: Pick<
    GatewayConfig,
    | 'BODY_LIMIT'
    | 'SUBSCRIPTION_KEEPALIVE_MS'
    | 'SUBSCRIPTION_BUFFER_LIMIT'
    | 'SUBSCRIPTION_CONNECTIONS_PER_CREDENTIAL'
  >,
  deps: {
    readonly httpServer: Server;
    readonly graphql: GatewayGraphql;
    readonly authenticate: Authenticator;
    readonly redis: RedisConnection;
    readonly log: Logger;
  },
): { stop(): Promise<void> } {
  const { apollo, documentGuard, apiSchema } = deps.graphql;
  return startSubscriptionServer({
    httpServer: deps.httpServer,
    path: '/graphql',
    apiSchema,
    documentGuard,
    // BODY_LIMIT's pattern admits only sizes that bytes (express's own parser) reads.
    maxPayloadBytes: bytes.parse(config.BODY_LIMIT) as number,
    authenticate: deps.authenticate,
    feed: createStatusFeed(deps.redis, deps.log),
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
    log: deps.log,
  });
}
