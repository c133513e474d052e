export type ParsedVariables =
  | { readonly ok: true; readonly value: Record<string, unknown> }
  | { readonly ok: false; readonly problem: string };

/** The variables of a send as typed: a JSON object, or why it is not one. */
export function parseVariablesJson(text: string): ParsedVariables {
  if (!text.trim()) return { ok: true, value: {} };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, problem: `Not JSON: ${(error as Error).message}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, problem: 'Must be a JSON object, e.g. {"name": "Ada"}' };
  }
  return { ok: true, value: value as Record<string, unknown> };
}
