import { lookup } from 'node:dns/promises';
import { join } from 'node:path';
import type { HealthHandler } from '@herald/lifecycle';
import type { Logger } from '@herald/logging';
import type { MetricsRegistry } from '@herald/observability';
import { createSubgraphServer, loadSchemaFile } from '@herald/subgraph';
import type { UseCases } from './compose-use-cases';
import type { UsersConfig } from './config';
import { createCredentialResolvers } from './graphql/credential.resolvers';
import { createEmailSuppressionResolvers } from './graphql/email-suppression.resolvers';
import { createUserResolvers } from './graphql/user.resolvers';

/** The users subgraph: users, credentials and email suppressions, merged into one schema. */
export function composeGraphql(
  config: Pick<UsersConfig, 'INTERNAL_TOKEN' | 'ALLOW_INSECURE_PUSH_ENDPOINTS'>,
  deps: {
    readonly useCases: UseCases;
    readonly health: HealthHandler;
    readonly registry: MetricsRegistry;
    readonly log: Logger;
  },
) {
  const { useCases } = deps;
  const userResolvers = createUserResolvers({
    ...useCases,
    allowInsecurePushEndpoints: config.ALLOW_INSECURE_PUSH_ENDPOINTS,
    resolveHost,
  });
  const credentialResolvers = createCredentialResolvers(useCases);
  const suppressionResolvers = createEmailSuppressionResolvers(useCases);
  return createSubgraphServer({
    // schema.graphql sits at the package root, one level above src/ and dist/.
    typeDefs: loadSchemaFile(join(__dirname, '..', 'schema.graphql')),
    resolvers: {
      ...userResolvers,
      EmailSuppression: suppressionResolvers.EmailSuppression,
      Query: { ...userResolvers.Query, ...credentialResolvers.Query, ...suppressionResolvers.Query },
      Mutation: {
        ...userResolvers.Mutation,
        ...credentialResolvers.Mutation,
        ...suppressionResolvers.Mutation,
      },
    },
    internalToken: config.INTERNAL_TOKEN,
    health: deps.health,
    metrics: deps.registry,
    log: deps.log,
  });
}

/** Every address of a host name; none when it does not resolve within two seconds. */
async function resolveHost(hostname: string): Promise<string[]> {
  const timeout = new Promise<[]>((resolve) => setTimeout(() => resolve([]), 2000).unref());
  const resolved = lookup(hostname, { all: true, verbatim: true }).then(
    (addresses) => addresses.map((entry) => entry.address),
    () => [],
  );
  return Promise.race([resolved, timeout]);
}
