import { GraphQLError } from 'graphql';
import { BadUserInputError, InternalError, UnavailableError } from '@herald/errors';
import { HeraldDataSource } from './herald-data-source';

type SubgraphResponse = Parameters<HeraldDataSource['didEncounterError']>[2];

const source = new HeraldDataSource({
  name: 'notifications',
  url: 'http://127.0.0.1:1/graphql',
  internalToken: 't',
  fetcher: () => Promise.reject(new Error('not called')),
});
const answered = (status: number) => new Response(null, { status }) as unknown as SubgraphResponse;
/** What Apollo's RemoteGraphQLDataSource throws for a non-2xx answer, with the parsed body. */
const refusedWith = (body: unknown) =>
  new GraphQLError('400: Bad Request', { extensions: { response: { status: 400, body } } });

describe('HeraldDataSource errors', () => {
  it("passes a subgraph's 400 refusal of a variable on as the caller's bad input", () => {
    const message = 'Variable "$input" got invalid value "-089844-06-03"; Expected type "DateTime".';
    const error = refusedWith({ errors: [{ message, extensions: { code: 'BAD_USER_INPUT' } }] });
    expect(() => source.didEncounterError(error, undefined, answered(400))).toThrow(
      new BadUserInputError(message),
    );
  });

  it('masks any other answer as ours: a 400 without GraphQL errors, or a 401', () => {
    expect(() => source.didEncounterError(refusedWith('Bad Request'), undefined, answered(400))).toThrow(
      InternalError,
    );
    expect(() => source.didEncounterError(new Error('401'), undefined, answered(401))).toThrow(InternalError);
  });

  it('calls an unreachable or failing subgraph unavailable', () => {
    expect(() => source.didEncounterError(new Error('ECONNREFUSED'), undefined)).toThrow(UnavailableError);
    expect(() => source.didEncounterError(new Error('502'), undefined, answered(502))).toThrow(
      UnavailableError,
    );
  });
});
