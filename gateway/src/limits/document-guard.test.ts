import {
  Kind,
  buildSchema,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLError,
} from 'graphql';
import { createDocumentGuard } from './document-guard';

const schema = buildSchema(`
  type Node { id: ID child: Node }
  input Filter { and: [Filter!] name: String }
  type Query { node(filter: Filter): Node }
  type Subscription { changed: Node }
`);
const guard = createDocumentGuard({
  maxTokens: 200,
  maxDepth: 3,
  maxAliases: 2,
  maxDirectives: 2,
  maxFragmentSpreads: 4,
  maxInputDepth: 3,
});
/** The messages the gateway's own rules give, beside graphql-js's. */
const errorsOf = (query: string) =>
  validate(schema, parse(query), [...guard.validationRules]).map((error) => error.message);

/** `query Q1 { ...F0 } fragment F0 on Query { ...F1 ...F1 } …`: 2^levels spreads in a few bytes per level. */
function chainedSpreads(levels: number): string {
  const fragments = Array.from(
    { length: levels },
    (_, level) => `fragment F${level} on Query { ...F${level + 1} ...F${level + 1} }`,
  );
  return `query Q1 { ...F0 } ${fragments.join(' ')} fragment F${levels} on Query { __typename }`;
}

/**
 * Counts each read of a fragment's selections and throws past `readsPerFragment` per fragment on
 * average: linear validation reads each fragment a few times, one that walks every spread again
 * reads them 2^levels times.
 */
function withReadBudget(document: DocumentNode, readsPerFragment: number): DocumentNode {
  const fragments = document.definitions.filter((definition) => definition.kind === Kind.FRAGMENT_DEFINITION);
  const budget = readsPerFragment * fragments.length;
  let reads = 0;
  for (const fragment of fragments) {
    const { selectionSet } = fragment;
    Object.defineProperty(fragment, 'selectionSet', {
      get() {
        reads += 1;
        if (reads > budget) throw new Error(`validation read fragments more than ${budget} times`);
        return selectionSet;
      },
    });
  }
  return document;
}

describe('the document guard', () => {
  describe('depth', () => {
    it('accepts a query at the depth limit', () => {
      expect(errorsOf('{ node { child { id } } }')).toEqual([]);
    });

    it('refuses a query one level too deep, counting through fragments where they are spread', () => {
      expect(errorsOf('{ node { child { child { id } } } }')).toEqual([
        'the query is nested deeper than the limit of 3',
      ]);
      expect(
        errorsOf(
          'query { node { ...A } } fragment A on Node { child { ...B } } fragment B on Node { child { id } }',
        ),
      ).toEqual(['the query is nested deeper than the limit of 3']);
    });

    it('does not count introspection', () => {
      expect(errorsOf('{ __schema { types { fields { type { ofType { ofType { name } } } } } } }')).toEqual(
        [],
      );
    });
  });

  it('refuses more aliases than the limit, counting a fragment’s each time it is spread', () => {
    expect(errorsOf('{ a: node { id } b: node { id } }')).toEqual([]);
    expect(errorsOf('{ a: node { id } b: node { id } c: __typename }')).toEqual([
      'the query uses more aliases than the limit of 2',
    ]);
    expect(errorsOf('{ ...A ...A } fragment A on Query { a: __typename b: __typename }')).toEqual([
      'the query uses more aliases than the limit of 2',
    ]);
  });

  it('refuses more directives than the limit', () => {
    expect(errorsOf('{ node @include(if: true) { id @skip(if: false) } }')).toEqual([]);
    expect(
      errorsOf('{ node @include(if: true) { id @skip(if: false) child @skip(if: false) { id } } }'),
    ).toEqual(['the query uses more directives than the limit of 2']);
  });

  it('refuses an operation that expands to more fragment spreads than the limit', () => {
    expect(errorsOf(chainedSpreads(1))).toEqual([]);
    expect(errorsOf(chainedSpreads(2))).toEqual([
      'the query spreads fragments more often than the limit of 4',
    ]);
  });

  it('refuses 40 chained spreads (2^40 when expanded) reading each fragment a bounded number of times', () => {
    const document = withReadBudget(parse(chainedSpreads(40)), 20);
    const errors = validate(schema, document, [...specifiedRules, ...guard.validationRules]);
    expect(errors.map((error) => error.message)).toEqual([
      'the query spreads fragments more often than the limit of 4',
    ]);
  });

  it('refuses a fragment cycle without looping', () => {
    const document = withReadBudget(
      parse('fragment A on Query { ...B } fragment B on Query { ...A } query { ...A }'),
      20,
    );
    const errors = validate(schema, document, [...specifiedRules, ...guard.validationRules]);
    expect(errors.map((error) => error.message)).toEqual([
      'Cannot spread fragment "A" within itself via "B".',
    ]);
  });

  it('refuses argument values nested deeper than the limit', () => {
    expect(errorsOf('{ node(filter: { and: [{ name: "a" }] }) { id } }')).toEqual([]);
    expect(errorsOf('{ node(filter: { and: [{ and: [{ name: "a" }] }] }) { id } }')).toEqual([
      'an argument value is nested deeper than the limit of 3',
    ]);
  });

  describe('check, for graphql-ws', () => {
    const codesOf = (result: DocumentNode | GraphQLError[]) =>
      Array.isArray(result) ? result.map((error) => [error.extensions.code, error.message]) : 'accepted';

    it('accepts a valid subscription', () => {
      expect(codesOf(guard.check(schema, 'subscription { changed { id } }', {}))).toBe('accepted');
    });

    it('stops parsing past the token limit, with the code Apollo gives over HTTP', () => {
      const query = `{ ${Array.from({ length: 10_000 }, () => '__typename').join(' ')} }`;
      expect(codesOf(guard.check(schema, query, {}))).toEqual([
        ['GRAPHQL_PARSE_FAILED', 'Syntax Error: Document contains more that 200 tokens. Parsing aborted.'],
      ]);
    });

    it('refuses what the rules refuse with GRAPHQL_VALIDATION_FAILED', () => {
      expect(codesOf(guard.check(schema, chainedSpreads(10), {}))).toEqual([
        ['GRAPHQL_VALIDATION_FAILED', 'the query spreads fragments more often than the limit of 4'],
      ]);
    });

    it('stops at 10 errors, however many the document would make', () => {
      const query = `subscription { changed { ${Array.from({ length: 60 }, (_, index) => `f${index}`).join(' ')} } }`;
      const errors = guard.check(schema, query, {});
      expect(Array.isArray(errors) && errors.length).toBe(11);
      expect(Array.isArray(errors) && errors.at(-1)?.message).toBe(
        'Too many validation errors, error limit reached. Validation aborted.',
      );
    });

    it('refuses variables nested deeper than the limit with BAD_USER_INPUT', () => {
      const variables = { filter: { and: [{ and: [{ name: 'a' }] }] } };
      expect(codesOf(guard.check(schema, 'subscription { changed { id } }', variables))).toEqual([
        ['BAD_USER_INPUT', 'the variables are nested deeper than 3 levels'],
      ]);
    });
  });
});
