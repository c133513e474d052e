import { randomUUID } from 'node:crypto';
import { dataOf, gql } from './gateway-client';
import { readSystemState } from './system-state';

const state = readSystemState();

async function post<T>(
  headers: Record<string, string>,
  query: string,
  variables: Record<string, unknown> = {},
) {
  const response = await fetch(`${state.gatewayUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return {
    status: response.status,
    body: (await response.json()) as { data?: T; errors?: { extensions?: { code?: string } }[] },
  };
}

describe('the gateway authenticates both credential kinds through the users service', () => {
  const suffix = randomUUID().slice(0, 8);
  const email = `grace.${suffix}@example.com`;
  const password = 'a long enough password';

  beforeAll(async () => {
    dataOf(
      await gql(state, `mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }`, {
        input: { name: 'Grace Hopper', email, password },
      }),
    );
  });

  it('accepts the JWT from login as the user it names', async () => {
    const login = dataOf(
      await gql<{ login: { token: string } }>(
        state,
        `mutation ($email: String!, $password: String!) { login(email: $email, password: $password) { token } }`,
        { email, password },
        { asAdmin: false },
      ),
    );
    const me = await post<{ me: { email: string } }>(
      { authorization: `Bearer ${login.login.token}` },
      `{ me { email } }`,
    );
    expect(me.body.data?.me.email).toBe(email);
  });

  it('accepts an API key in X-API-Key, within its scopes only', async () => {
    const created = dataOf(
      await gql<{ createApiKey: { secret: string } }>(
        state,
        `mutation { createApiKey(name: "reader-${suffix}", scopes: ["notifications:read"]) { secret } }`,
      ),
    );
    const key = created.createApiKey.secret;
    const allowed = await post<{ notifications: { meta: { total: number } } }>(
      { 'x-api-key': key },
      `{ notifications(limit: 1) { meta { total } } }`,
    );
    expect(allowed.body.errors).toBeUndefined();

    const refused = await post({ 'x-api-key': key }, `{ users(limit: 1) { meta { total } } }`);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses a forged or unknown credential with 401', async () => {
    const forged = await post({ authorization: 'Bearer hk_not_a_real_key' }, `{ me { email } }`);
    expect(forged.status).toBe(401);
    expect(forged.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
