import { GraphQLError, Kind, type SelectionSetNode, type ValidationRule } from 'graphql';

/**
 * Refuses an operation that expands to more than `max` fragment spreads, a spread inside a spread
 * fragment counting once for every time that fragment is spread: 25 chained fragments that each
 * spread the next twice are 2^25 spreads in 1 KB. Each fragment is counted once (memoised) and
 * counts stop growing past the limit, so the rule is linear in the document.
 */
export function fragmentSpreadsRule(max: number): ValidationRule {
  return (context) => {
    /** Spreads one spread of the fragment expands to, itself included; null while being counted. */
    const expansions = new Map<string, number | null>();
    const capped = (count: number) => Math.min(count, max + 1);

    const expansionOf = (name: string): number => {
      const known = expansions.get(name);
      // A cycle is refused by NoFragmentCycles; it adds nothing here.
      if (known !== undefined) return known ?? 0;
      expansions.set(name, null);
      const fragment = context.getFragment(name);
      const count = capped(1 + (fragment ? spreadsIn(fragment.selectionSet) : 0));
      expansions.set(name, count);
      return count;
    };

    const spreadsIn = (selectionSet: SelectionSetNode): number => {
      let count = 0;
      for (const selection of selectionSet.selections) {
        if (selection.kind === Kind.FRAGMENT_SPREAD) count += expansionOf(selection.name.value);
        else if (selection.selectionSet) count += spreadsIn(selection.selectionSet);
        count = capped(count);
      }
      return count;
    };

    return {
      OperationDefinition(operation) {
        if (spreadsIn(operation.selectionSet) <= max) return;
        context.reportError(
          new GraphQLError(`the query spreads fragments more often than the limit of ${max}`, {
            nodes: [operation],
          }),
        );
      },
    };
  };
}
