const PLAIN_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const MAX_DISTINCT_NAMES = 200;

/**
 * Operation names come from clients; to keep the metric's cardinality bounded, odd names and
 * anything past the first few hundred distinct names are counted together.
 */
export function createOperationNamer(): (name: string | null | undefined) => string {
  const seen = new Set<string>();
  return (name) => {
    if (!name) return 'anonymous';
    if (!PLAIN_NAME.test(name)) return 'other';
    if (seen.has(name)) return name;
    if (seen.size >= MAX_DISTINCT_NAMES) return 'other';
    seen.add(name);
    return name;
  };
}
