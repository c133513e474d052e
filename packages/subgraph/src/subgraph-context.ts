import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { Logger } from '@herald/logging';
import type { Identity } from '@herald/identity';

/** The GraphQL context of every subgraph resolver. */
export interface SubgraphContext {
  /** Undefined for anonymous calls (the gateway lets some through, e.g. sign-up). */
  readonly identity: Identity | undefined;
  readonly correlationId: string;
  /** The W3C traceparent the gateway forwarded, when the caller sent one. */
  readonly traceparent: string | undefined;
  readonly log: Logger;
}

/** The resolver map a subgraph passes to createSubgraphServer. */
export type SubgraphResolvers = GraphQLResolverMap<SubgraphContext>;
