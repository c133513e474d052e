/** The subgraphs the supergraph is composed from; each has subgraphs/<name>/schema.graphql. */
export const SUBGRAPH_NAMES = ['users', 'templates', 'notifications'] as const;

export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

export function isSubgraphName(name: string): name is SubgraphName {
  return (SUBGRAPH_NAMES as readonly string[]).includes(name);
}
