/**
 * The template's variables the request leaves out (absent or null). A dotted name such as
 * "order.id" is looked up as a path into nested objects.
 */
export function missingVariables(required: readonly string[], variables: Record<string, unknown>): string[] {
  return [...new Set(required)].filter((name) => valueAt(variables, name) == null);
}

function valueAt(variables: Record<string, unknown>, path: string): unknown {
  if (Object.hasOwn(variables, path)) return variables[path];
  let current: unknown = variables;
  for (const segment of path.split('.')) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, segment)) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}
