import type { z } from 'zod';
import { BadUserInputError } from '@herald/errors';

/** Validates an input at the edge; every bad field is listed in the error. */
export function parseInput<Schema extends z.ZodType>(schema: Schema, input: unknown): z.output<Schema> {
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
