import { GraphQLError, type ASTNode, type ValidationRule } from 'graphql';

/**
 * Refuses argument values (objects and lists written in the document) nested deeper than `max`,
 * the same bound as JSON variables: each later hop (planner, subgraph, JSON column) walks them
 * recursively. Reported once, at the first value too deep.
 */
export function inputDepthRule(max: number): ValidationRule {
  return (context) => {
    let depth = 0;
    let reported = false;
    const enter = (node: ASTNode) => {
      depth += 1;
      if (depth <= max || reported) return;
      reported = true;
      context.reportError(
        new GraphQLError(`an argument value is nested deeper than the limit of ${max}`, { nodes: [node] }),
      );
    };
    const leave = () => {
      depth -= 1;
    };
    return { ObjectValue: { enter, leave }, ListValue: { enter, leave } };
  };
}
