import { Supergraph } from '@apollo/federation-internals';
import { printSchema } from 'graphql';

/**
 * The schema clients see: the supergraph without its federation machinery (join__ types,
 * @inaccessible fields), as the gateway builds it from the same file to serve.
 */
export function printApiSchema(supergraphSdl: string): string {
  const apiSchema = Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
  return `${printSchema(apiSchema)}\n`;
}
