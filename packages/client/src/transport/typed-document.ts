import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';

/**
 * An operation's text carrying its result and variable types: the generated documents
 * (`NotificationDocument` …), or any made by graphql-codegen with `documentMode: 'string'`.
 */
export type TypedDocument<TResult, TVariables> = DocumentTypeDecoration<TResult, TVariables> & {
  toString(): string;
};
