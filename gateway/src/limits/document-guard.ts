import { ApolloServerErrorCode } from '@apollo/server/errors';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import {
  GraphQLError,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type ParseOptions,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { depthExceeds } from '../http/json-depth';
import { fragmentSpreadsRule } from './fragment-spreads.rule';
import { inputDepthRule } from './input-depth.rule';

export interface DocumentLimits {
  /** Lexical tokens in a document; the parser stops at the next one, before anything is built. */
  readonly maxTokens: number;
  /** Deepest nesting of fields (the root field is depth 1; fragments add none). */
  readonly maxDepth: number;
  /** Aliased fields in an operation, a fragment's counted each time it is spread. */
  readonly maxAliases: number;
  /** Directives in an operation, a fragment's counted each time it is spread. */
  readonly maxDirectives: number;
  /** Fragment spreads an operation expands to (see fragmentSpreadsRule). */
  readonly maxFragmentSpreads: number;
  /** Nesting of argument values written in the document, and of variables. */
  readonly maxInputDepth: number;
}

/**
 * The one set of bounds every GraphQL document meets before any planning or subgraph call, on
 * POST /graphql (Apollo takes parseOptions and validationRules) and on graphql-ws (check) alike.
 * Every rule is linear in the document: each fragment's cost is computed once.
 */
export interface DocumentGuard {
  readonly parseOptions: ParseOptions;
  readonly validationRules: readonly ValidationRule[];
  readonly validationOptions: { readonly maxErrors: number };
  /** Apollo's parse and validation with the options above, for graphql-ws: the document, or the errors with their codes. */
  check(schema: GraphQLSchema, query: string, variables: unknown): DocumentNode | GraphQLError[];
}

/**
 * Validation stops at this many errors (graphql-js's default is 100): a flood of repeated
 * directives or fields makes one error each, and every error costs a stack trace and formatting.
 */
const MAX_VALIDATION_ERRORS = 10;

export function createDocumentGuard(limits: DocumentLimits): DocumentGuard {
  const parseOptions: ParseOptions = { maxTokens: limits.maxTokens };
  const validationOptions = { maxErrors: MAX_VALIDATION_ERRORS };
  const validationRules: ValidationRule[] = [
    maxDepthRule({
      n: limits.maxDepth,
      flattenFragments: true,
      ...refusal(`the query is nested deeper than the limit of ${limits.maxDepth}`),
    }),
    maxAliasesRule({
      n: limits.maxAliases,
      allowList: [],
      ...refusal(`the query uses more aliases than the limit of ${limits.maxAliases}`),
    }),
    maxDirectivesRule({
      n: limits.maxDirectives,
      ...refusal(`the query uses more directives than the limit of ${limits.maxDirectives}`),
    }),
    fragmentSpreadsRule(limits.maxFragmentSpreads),
    inputDepthRule(limits.maxInputDepth),
  ];
  return {
    parseOptions,
    validationRules,
    validationOptions,
    check(schema, query, variables) {
      if (depthExceeds(variables, limits.maxInputDepth)) {
        return [
          new GraphQLError(`the variables are nested deeper than ${limits.maxInputDepth} levels`, {
            extensions: { code: 'BAD_USER_INPUT' },
          }),
        ];
      }
      let document: DocumentNode;
      try {
        document = parse(query, parseOptions);
      } catch (error) {
        const parseError =
          error instanceof GraphQLError ? error : new GraphQLError('the document is not valid GraphQL');
        return [withCode(parseError, ApolloServerErrorCode.GRAPHQL_PARSE_FAILED)];
      }
      const errors = validate(schema, document, [...specifiedRules, ...validationRules], validationOptions);
      if (errors.length === 0) return document;
      return errors.map((error) => withCode(error, ApolloServerErrorCode.GRAPHQL_VALIDATION_FAILED));
    },
  };
}

/**
 * GraphQL Armor throws its refusal by default, which Apollo answers as an internal error; it is
 * reported as a validation error instead, in the gateway's words.
 */
function refusal(message: string) {
  return {
    exposeLimits: false,
    propagateOnRejection: false,
    onReject: [(context: ValidationContext | null) => context?.reportError(new GraphQLError(message))],
  };
}

/** The code Apollo gives the same error on POST /graphql. */
function withCode(error: GraphQLError, code: string): GraphQLError {
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions: { ...error.extensions, code },
  });
}
