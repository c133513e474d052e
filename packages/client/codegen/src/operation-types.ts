import { codegen } from '@graphql-codegen/core';
import * as typedDocumentNode from '@graphql-codegen/typed-document-node';
import * as typescript from '@graphql-codegen/typescript';
import * as typescriptOperations from '@graphql-codegen/typescript-operations';
import { parse } from 'graphql';

export interface OperationSource {
  /** Shown in validation errors. */
  readonly location: string;
  readonly text: string;
}

/**
 * Result and variable types of every operation, and each operation as a typed document string
 * (the query text, typed): sending it needs no GraphQL runtime, so browsers load none.
 */
const CONFIG = {
  onlyOperationTypes: true,
  enumsAsTypes: true,
  immutableTypes: true,
  skipTypename: true,
  useTypeImports: true,
  inlineFragmentTypes: 'combine',
  // A field the schema may answer null is `T | null`, never left out; inputs stay optional.
  avoidOptionals: { field: true, inputValue: false },
  documentMode: 'string',
  scalars: { DateTime: 'string', JSON: '{ [key: string]: unknown }' },
} as const;

export async function generateOperationTypes(
  apiSchemaSdl: string,
  operations: readonly OperationSource[],
): Promise<string> {
  return codegen({
    filename: 'operations.ts',
    schema: parse(apiSchemaSdl),
    documents: operations.map(({ location, text }) => ({ location, document: parse(text) })),
    plugins: [{ typescript: {} }, { typescriptOperations: {} }, { typedDocumentNode: {} }],
    pluginMap: { typescript, typescriptOperations, typedDocumentNode },
    config: CONFIG,
  });
}
