export { createSubgraphServer, type SubgraphServer, type SubgraphServerOptions } from './subgraph-server';
export { type SubgraphContext, type SubgraphResolvers } from './subgraph-context';
export { subgraphErrorFormatter } from './format-error';
export { parseInput } from './parse-input';
export { loadSchemaFile } from './load-schema-file';
export { scalarResolvers } from './scalars';
