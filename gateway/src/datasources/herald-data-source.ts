import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import { z } from 'zod';
import { BadUserInputError, InternalError, UnavailableError } from '@herald/errors';
import { newCorrelationId } from '@herald/logging';
import { traceCarrierOf } from '@herald/observability';
import { CORRELATION_HEADER, IDENTITY_HEADER, INTERNAL_TOKEN_HEADER, encodeIdentity } from '@herald/identity';
import type { GatewayContext } from '../graphql/gateway-context';
import type { Fetcher } from './subgraph-fetcher';

type SubgraphResponse = Parameters<RemoteGraphQLDataSource['didEncounterError']>[2];

export interface HeraldDataSourceOptions {
  readonly name: string;
  readonly url: string;
  readonly internalToken: string;
  readonly fetcher: Fetcher;
}

/**
 * The one seam between the gateway and a subgraph: every fetch carries the internal token, the
 * correlation id, the caller's identity and the active trace context (only the gateway sets these
 * headers; nothing from the client request is copied). The fetcher keeps connections to the
 * subgraphs alive.
 */
export class HeraldDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly subgraph: string;
  private readonly internalToken: string;

  constructor({ name, url, internalToken, fetcher }: HeraldDataSourceOptions) {
    super({ url, fetcher });
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
    // The request's span, or Apollo's fetch span under it when tracing records: W3C traceparent.
    for (const [name, value] of Object.entries(traceCarrierOf())) headers.set(name, value);
  }

  /**
   * A subgraph that cannot be reached or answers 5xx is UNAVAILABLE (a retry may help). A 400 with
   * GraphQL errors is the caller's: the subgraph refused a variable before executing (its DateTime
   * scalar, opaque to the gateway, rejected the value). Any other non-GraphQL answer (e.g. 401 from
   * a wrong INTERNAL_TOKEN) is a fault of ours, masked at the edge.
   */
  override didEncounterError(error: Error, _request: unknown, response?: SubgraphResponse): never {
    if (!response || response.status >= 500) {
      throw new UnavailableError(
        `the ${this.subgraph} service is unavailable; retry later`,
        {},
        { cause: error },
      );
    }
    const refusal = response.status === 400 ? requestRefusalOf(error) : undefined;
    if (refusal) throw new BadUserInputError(refusal);
    throw new InternalError(
      `subgraph ${this.subgraph} answered HTTP ${response.status}`,
      {},
      { cause: error },
    );
  }
}

const requestErrors = z.object({ errors: z.array(z.object({ message: z.string().min(1) })).min(1) });

/** The subgraph's first message when it refused the request itself (Apollo answers those with 400). */
function requestRefusalOf(error: Error): string | undefined {
  if (!(error instanceof GraphQLError)) return undefined;
  const response = error.extensions.response as { body?: unknown } | undefined;
  const parsed = requestErrors.safeParse(response?.body);
  return parsed.success ? parsed.data.errors[0]?.message : undefined;
}
