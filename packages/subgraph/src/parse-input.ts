import type { z } from 'zod';
import { BadUserInputError } from '@herald/errors';

/**
 * Validates an input at the edge; every bad field is listed in the error. A NUL character is
 * refused in any string or key first: PostgreSQL text and jsonb cannot hold one, and it would
 * otherwise fail in the database as an internal error.
 */
export function parseInput<Schema extends z.ZodType>(schema: Schema, input: unknown): z.output<Schema> {
  const nul = nulCharacterPath(input);
  if (nul !== undefined) {
    const field = nul || '(input)';
    throw new BadUserInputError(`invalid input: ${field} must not contain a NUL character`, [
      { field, message: 'must not contain a NUL character' },
    ]);
  }
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => ({
    field: issue.path.map(String).join('.') || '(input)',
    message: issue.message,
  }));
  throw new BadUserInputError(
    `invalid input: ${issues.map((issue) => `${issue.field} ${issue.message}`).join('; ')}`,
    issues,
  );
}

/** The dotted path of the first string or key holding U+0000; iterative, so deep JSON cannot overflow the stack. */
function nulCharacterPath(input: unknown): string | undefined {
  const pending: [unknown, string][] = [[input, '']];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [value, path] = next;
    if (typeof value === 'string') {
      if (value.includes('\u0000')) return path;
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        const itemPath = path ? `${path}.${key}` : key;
        if (key.includes('\u0000')) return path;
        pending.push([item, itemPath]);
      }
    }
  }
  return undefined;
}
