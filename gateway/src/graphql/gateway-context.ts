import type { Identity } from '@herald/identity';

/** The GraphQL context of one gateway request; the data sources forward it to the subgraphs. */
export interface GatewayContext {
  readonly correlationId: string;
  /** Undefined for anonymous callers. */
  readonly identity: Identity | undefined;
}
