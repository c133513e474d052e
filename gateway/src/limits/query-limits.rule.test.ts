import { buildSchema, parse, validate } from 'graphql';
import { queryLimitsRule } from './query-limits.rule';

const schema = buildSchema('type Node { id: ID child: Node } type Query { node: Node }');
const rule = queryLimitsRule({ maxDepth: 3, maxAliases: 2 });
const errorsOf = (query: string) => validate(schema, parse(query), [rule]).map((error) => error.message);

describe('queryLimitsRule', () => {
  it('accepts a query at the depth limit', () => {
    expect(errorsOf('{ node { child { id } } }')).toEqual([]);
  });

  it('refuses a query one level too deep', () => {
    expect(errorsOf('{ node { child { child { id } } } }')).toEqual([
      'the query is nested deeper than the limit of 3',
    ]);
  });

  it('counts depth through fragments where they are spread', () => {
    expect(
      errorsOf(
        'query { node { ...A } } fragment A on Node { child { ...B } } fragment B on Node { child { id } }',
      ),
    ).toEqual(['the query is nested deeper than the limit of 3']);
  });

  it('does not count introspection', () => {
    expect(errorsOf('{ __schema { types { fields { type { ofType { ofType { name } } } } } } }')).toEqual([]);
  });

  it('refuses more aliases than the limit', () => {
    expect(errorsOf('{ a: node { id } b: node { id } c: node { id } }')).toEqual([
      'the query uses 3 aliases; the limit is 2',
    ]);
  });
});
