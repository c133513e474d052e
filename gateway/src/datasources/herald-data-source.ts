import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { InternalError, UnavailableError } from '@herald/errors';
import { newCorrelationId } from '@herald/logging';
import { CORRELATION_HEADER, IDENTITY_HEADER, INTERNAL_TOKEN_HEADER, encodeIdentity } from '@herald/subgraph';
import type { GatewayContext } from '../graphql/gateway-context';

type SubgraphResponse = Parameters<RemoteGraphQLDataSource['didEncounterError']>[2];

export interface HeraldDataSourceOptions {
  readonly name: string;
  readonly url: string;
  readonly internalToken: string;
}

/**
 * The one seam between the gateway and a subgraph: every fetch carries the internal token, the
 * correlation id, the caller's identity and trace context (only the gateway sets these headers; nothing from the
 * client request is copied). Node's fetch keeps connections to the subgraphs alive.
 */
export class HeraldDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly subgraph: string;
  private readonly internalToken: string;

  constructor({ name, url, internalToken }: HeraldDataSourceOptions) {
    super({ url, fetcher: fetch });
    this.subgraph = name;
    this.internalToken = internalToken;
  }

  override willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const headers = options.request.http?.headers;
    if (!headers) return;
    headers.set(INTERNAL_TOKEN_HEADER, this.internalToken);
    // Only an incoming operation has a caller; the gateway's own calls carry just the token.
    const context = 'incomingRequestContext' in options ? options.context : undefined;
    headers.set(CORRELATION_HEADER, context?.correlationId ?? newCorrelationId());
    if (context?.identity) headers.set(IDENTITY_HEADER, encodeIdentity(context.identity));
    for (const [name, value] of Object.entries(context?.traceHeaders ?? {})) headers.set(name, value);
  }

  /**
   * A subgraph that cannot be reached or answers 5xx is UNAVAILABLE (a retry may help); any other
   * non-GraphQL answer (e.g. 401 from a wrong INTERNAL_TOKEN) is a fault of ours, masked at the edge.
   */
  override didEncounterError(error: Error, _request: unknown, response?: SubgraphResponse): never {
    if (!response || response.status >= 500) {
      throw new UnavailableError(
        `the ${this.subgraph} service is unavailable; retry later`,
        {},
        { cause: error },
      );
    }
    throw new InternalError(
      `subgraph ${this.subgraph} answered HTTP ${response.status}`,
      {},
      { cause: error },
    );
  }
}
