import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApolloGateway } from '@apollo/gateway';
import { parse, validate, type GraphQLSchema } from 'graphql';
import { OPERATIONS } from './rest-operations';

/**
 * The shim's documents must stay valid against the committed supergraph, or a REST route would
 * fail at run time.
 */
describe('the REST shim operations', () => {
  const gateway = new ApolloGateway({
    supergraphSdl: readFileSync(join(__dirname, '..', '..', 'supergraph.graphql'), 'utf8'),
  });
  let schema: GraphQLSchema;

  beforeAll(async () => {
    schema = (await gateway.load()).schema;
  });

  afterAll(() => gateway.stop());

  it.each(Object.entries(OPERATIONS))('%s validates against the committed supergraph', (_name, operation) => {
    expect(validate(schema, parse(operation.query)).map((error) => error.message)).toEqual([]);
  });
});
