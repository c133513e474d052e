/** PostgreSQL unique_violation (23505), optionally on a named constraint. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const pgError = (error as { driverError?: unknown }).driverError ?? error;
  const { code, constraint: violated } = pgError as { code?: string; constraint?: string };
  return code === '23505' && (constraint === undefined || violated === constraint);
}
