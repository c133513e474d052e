export { createSubgraphServer, type SubgraphServer, type SubgraphServerOptions } from './subgraph-server';
export { type SubgraphContext, type SubgraphResolvers } from './subgraph-context';
export {
  type Identity,
  IDENTITY_HEADER,
  INTERNAL_TOKEN_HEADER,
  CORRELATION_HEADER,
  encodeIdentity,
  decodeIdentity,
} from './identity';
export { subgraphErrorFormatter } from './format-error';
export { parseInput } from './parse-input';
export { loadSchemaFile } from './load-schema-file';
export { scalarResolvers } from './scalars';
export {
  SCOPES,
  hasScope,
  isAdmin,
  requireIdentity,
  requireScope,
  requireSelfOrScope,
  type Caller,
  type Scope,
} from './authorize';
