import type { JsonClient } from './json-client';

interface GraphQLBody<T> {
  readonly data?: T | null;
  readonly errors?: readonly { readonly message: string }[];
}

/** Runs one GraphQL operation; throws with the errors when it did not fully succeed. */
export async function graphql<T>(
  client: JsonClient,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const { status, body } = await client.post('/graphql', JSON.stringify({ query, variables }));
  const result = body as GraphQLBody<T> | null;
  if (status !== 200 || !result?.data || result.errors?.length) {
    throw new Error(`GraphQL ${status}: ${JSON.stringify(result?.errors ?? body)}`);
  }
  return result.data;
}
