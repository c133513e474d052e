import { ApolloServer } from '@apollo/server';
import type { GatewayContext } from '../graphql/gateway-context';
import { ADMIN_IDENTITY } from './authenticate';
import { requireIdentityForMutations } from './require-identity.plugin';

describe('requireIdentityForMutations', () => {
  const server = new ApolloServer<GatewayContext>({
    typeDefs: 'type Query { ping: String } type Mutation { poke: String }',
    resolvers: { Query: { ping: () => 'pong' }, Mutation: { poke: () => 'poked' } },
    plugins: [requireIdentityForMutations()],
  });
  const anonymous: GatewayContext = { correlationId: 'c-1', identity: undefined };
  const admin: GatewayContext = { correlationId: 'c-2', identity: ADMIN_IDENTITY };

  beforeAll(() => server.start());
  afterAll(() => server.stop());

  async function run(query: string, contextValue: GatewayContext) {
    const response = await server.executeOperation({ query }, { contextValue });
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    return { status: response.http.status, result: response.body.singleResult };
  }

  it('refuses an anonymous mutation with UNAUTHENTICATED and HTTP 401', async () => {
    const { status, result } = await run('mutation { poke }', anonymous);
    expect(status).toBe(401);
    expect(result.data).toBeUndefined();
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('runs a mutation for an identified caller', async () => {
    const { result } = await run('mutation { poke }', admin);
    expect(result).toEqual({ data: { poke: 'poked' } });
  });

  it('runs an anonymous query', async () => {
    const { result } = await run('query { ping }', anonymous);
    expect(result).toEqual({ data: { ping: 'pong' } });
  });
});
