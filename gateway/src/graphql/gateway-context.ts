import type { Identity } from '@herald/subgraph';

/** The GraphQL context of one gateway request; the data sources forward it to the subgraphs. */
export interface GatewayContext {
  readonly correlationId: string;
  /** Undefined for anonymous callers. */
  readonly identity: Identity | undefined;
  /** W3C trace context to forward (empty when the caller sent none). */
  readonly traceHeaders: Readonly<Record<string, string>>;
}
