import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';

/**
 * A separate process serving `{ hello }` with Apollo Server and nothing else, so the load
 * generator and the server do not share an event loop (as with Herald's gateway). Prints its
 * URL on stdout, and exits on SIGTERM.
 */
async function main(): Promise<void> {
  const server = new ApolloServer({
    typeDefs: 'type Query { hello: String! }',
    resolvers: { Query: { hello: () => 'world' } },
  });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
  process.stdout.write(`${url}\n`);
  process.once('SIGTERM', () => {
    void server.stop().then(() => process.exit(0));
  });
}

void main();
