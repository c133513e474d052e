import type { SystemState } from './system-state';

export interface GraphQLResponse<T> {
  readonly data?: T;
  readonly errors?: readonly { message: string; extensions?: Record<string, unknown> }[];
}

/** Posts a GraphQL operation to the gateway, as an admin unless `asAdmin` is false, with any extra headers. */
export async function gql<T>(
  state: Pick<SystemState, 'gatewayUrl' | 'adminApiKey'>,
  query: string,
  variables: Record<string, unknown> = {},
  { asAdmin = true, headers = {} }: { asAdmin?: boolean; headers?: Record<string, string> } = {},
): Promise<GraphQLResponse<T>> {
  const response = await fetch(`${state.gatewayUrl}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(asAdmin ? { authorization: `Bearer ${state.adminApiKey}` } : {}),
      ...headers,
    },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphQLResponse<T>;
}

/** The data of a response that must have succeeded; fails with the errors otherwise. */
export function dataOf<T>(response: GraphQLResponse<T>): T {
  if (response.errors?.length || !response.data) {
    throw new Error(`GraphQL errors: ${JSON.stringify(response.errors)}`);
  }
  return response.data;
}
