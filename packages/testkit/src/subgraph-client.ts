import { encodeIdentity, type Identity } from '@herald/identity';

export interface SubgraphCall {
  readonly port: number;
  /** The shared internal token; null sends none (to test the refusal). */
  readonly internalToken: string | null;
  /** The identity the gateway would forward; null sends none (an anonymous caller). */
  readonly identity: Identity | null;
  readonly correlationId?: string;
}

export interface SubgraphResponse<T> {
  readonly status: number;
  readonly data?: T | null;
  readonly errors?: readonly { message: string; extensions?: Record<string, unknown> }[];
}

/** Posts a GraphQL operation to a subgraph exactly as the gateway would send it. */
export async function postToSubgraph<T = Record<string, unknown>>(
  call: SubgraphCall,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<SubgraphResponse<T>> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (call.internalToken !== null) headers['x-internal-token'] = call.internalToken;
  if (call.identity !== null) headers['x-herald-identity'] = encodeIdentity(call.identity);
  if (call.correlationId) headers['x-correlation-id'] = call.correlationId;
  const response = await fetch(`http://127.0.0.1:${call.port}/graphql`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, ...((await response.json()) as Omit<SubgraphResponse<T>, 'status'>) };
}
