import {
  GraphQLError,
  Kind,
  type ValidationContext,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValidationRule,
} from 'graphql';

export interface QueryLimits {
  /** Deepest nesting of fields allowed (the root field is depth 1). */
  readonly maxDepth: number;
  /** Most aliased fields allowed in one document (aliases multiply work per request). */
  readonly maxAliases: number;
}

/**
 * Refuses documents deeper or with more aliases than the limits, before any planning or subgraph
 * call. Fragments are followed (a spread counts where it is used); introspection fields are not
 * counted, since introspection is off in production and its own query is deep by nature.
 */
export function queryLimitsRule(limits: QueryLimits): ValidationRule {
  return (context: ValidationContext) => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of context.getDocument().definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    }
    let aliases = 0;
    return {
      Field(node) {
        if (node.alias) aliases += 1;
      },
      OperationDefinition(node) {
        const depth = depthOf(node.selectionSet, fragments, new Set(), 0, limits.maxDepth);
        if (depth > limits.maxDepth) {
          context.reportError(
            new GraphQLError(`the query is nested deeper than the limit of ${limits.maxDepth}`, {
              nodes: [node],
            }),
          );
        }
      },
      Document: {
        leave() {
          if (aliases > limits.maxAliases) {
            context.reportError(
              new GraphQLError(`the query uses ${aliases} aliases; the limit is ${limits.maxAliases}`),
            );
          }
        },
      },
    };
  };
}

/** Stops descending once past the limit, so a hostile document costs no more than the limit. */
function depthOf(
  selectionSet: SelectionSetNode | undefined,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  visiting: Set<string>,
  depth: number,
  maxDepth: number,
): number {
  if (!selectionSet || depth > maxDepth) return depth;
  let deepest = depth;
  for (const selection of selectionSet.selections) {
    let child = depth;
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value.startsWith('__')) continue;
      child = depthOf(selection.selectionSet, fragments, visiting, depth + 1, maxDepth);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      child = depthOf(selection.selectionSet, fragments, visiting, depth, maxDepth);
    } else {
      const name = selection.name.value;
      const fragment = fragments.get(name);
      // A fragment cycle is its own validation error; stop here rather than loop.
      if (!fragment || visiting.has(name)) continue;
      visiting.add(name);
      child = depthOf(fragment.selectionSet, fragments, visiting, depth, maxDepth);
      visiting.delete(name);
    }
    deepest = Math.max(deepest, child);
  }
  return deepest;
}
